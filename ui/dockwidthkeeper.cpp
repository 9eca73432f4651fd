#include "dockwidthkeeper.h"

#include <QDockWidget>
#include <QMainWindow>
#include <QResizeEvent>
#include <QTimer>

#include <algorithm>
#include <cmath>

namespace polymon {

DockWidthKeeper::DockWidthKeeper(QMainWindow *window, QDockWidget *dock, double share)
    : QObject(window)
    , m_window(window)
    , m_dock(dock)
    , m_share(share)
{
    window->installEventFilter(this);
}

bool DockWidthKeeper::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_window)
        return false;
    const bool docked = m_dock->isVisible() && !m_dock->isFloating();
    if (event->type() == QEvent::MouseButtonRelease && docked && m_window->width() > 0) {
        // The end of a drag on the dock's edge (the window's separators take the mouse).
        m_share = std::clamp(double(m_dock->width()) / double(m_window->width()), 0.1, 0.8);
    } else if (event->type() == QEvent::Resize && docked) {
        const auto *resize = static_cast<QResizeEvent *>(event);
        if (resize->size().width() > resize->oldSize().width() && resize->oldSize().width() > 0)
            QTimer::singleShot(0, this, &DockWidthKeeper::restore); // after the layout took the new size
    }
    return false;
}

void DockWidthKeeper::restore()
{
    const int target = int(std::lround(m_share * m_window->width()));
    if (m_dock->isVisible() && !m_dock->isFloating() && m_dock->width() < target)
        m_window->resizeDocks({m_dock}, {target}, Qt::Horizontal);
}

} // namespace polymon
