#pragma once

#include <QObject>

class QDockWidget;
class QMainWindow;

namespace polymon {

// Gives a side dock its share of the window back when the window grows.
// QMainWindow hands every extra pixel to the central widget, so a dock
// squeezed at 1024 px stays narrow at 1920 px. The share is the one the
// user last set by dragging the dock's edge (or the initial one).
class DockWidthKeeper final : public QObject
{
    Q_OBJECT
public:
    DockWidthKeeper(QMainWindow *window, QDockWidget *dock, double share);

    double share() const noexcept { return m_share; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void restore();

    QMainWindow *m_window;
    QDockWidget *m_dock;
    double m_share;
};

} // namespace polymon
