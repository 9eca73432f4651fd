#include "replaytimeline.h"

#include <QPainter>
#include <QStyleOptionSlider>

namespace polymon {

ReplayTimeline::ReplayTimeline(QWidget *parent)
    : QSlider(Qt::Horizontal, parent)
{
}

void ReplayTimeline::setShaded(const QList<QPair<double, double>> &spans)
{
    m_shaded = spans;
    update();
}

void ReplayTimeline::paintEvent(QPaintEvent *event)
{
    QSlider::paintEvent(event);
    if (m_shaded.isEmpty())
        return;
    QStyleOptionSlider option;
    initStyleOption(&option);
    const QRect groove = style()->subControlRect(QStyle::CC_Slider, &option, QStyle::SC_SliderGroove, this);
    const QRect handle = style()->subControlRect(QStyle::CC_Slider, &option, QStyle::SC_SliderHandle, this);
    // The handle's centre travels from half a handle in to half a handle from the end.
    const double left = groove.left() + handle.width() / 2.0;
    const double span = std::max(1.0, groove.width() - double(handle.width()));
    QPainter p(this);
    QRegion outside(rect());
    p.setClipRegion(outside.subtracted(handle)); // the handle stays on top
    const QColor amber(0xe0, 0x8e, 0x0b, 170);
    for (const auto &[from, to] : m_shaded) {
        const double x0 = left + std::clamp(from, 0.0, 1.0) * span;
        const double x1 = left + std::clamp(to, 0.0, 1.0) * span;
        p.fillRect(QRectF(x0, groove.center().y() - 4.0, std::max(2.0, x1 - x0), 8.0), amber);
    }
}

} // namespace polymon
