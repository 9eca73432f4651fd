#include "imbalancebar.h"

#include "themes.h"

#include <QPainter>

#include <cmath>

namespace polymon {

ImbalanceBar::ImbalanceBar(QWidget *parent)
    : QWidget(parent)
    , m_value(std::nan(""))
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setToolTip(tr("Depth imbalance within the band: right and green when bids outweigh asks"));
}

void ImbalanceBar::setImbalance(double imbalance)
{
    if (imbalance == m_value || (std::isnan(imbalance) && std::isnan(m_value)))
        return;
    m_value = imbalance;
    update();
}

QSize ImbalanceBar::sizeHint() const
{
    return {160, fontMetrics().height() + 4};
}

void ImbalanceBar::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF track = QRectF(rect()).adjusted(0.5, 2.5, -0.5, -2.5);
    QColor trackColour = palette().color(QPalette::WindowText);
    trackColour.setAlpha(35);
    p.setPen(Qt::NoPen);
    p.setBrush(trackColour);
    p.drawRoundedRect(track, 3, 3);
    const double centre = track.center().x();
    if (!std::isnan(m_value)) {
        const double v = std::clamp(m_value, -1.0, 1.0);
        const double width = std::abs(v) * track.width() / 2.0;
        QRectF bar = track;
        if (v >= 0) {
            bar.setLeft(centre);
            bar.setWidth(width);
        } else {
            bar.setLeft(centre - width);
            bar.setWidth(width);
        }
        p.setBrush(v >= 0 ? Themes::bid() : Themes::ask());
        p.drawRoundedRect(bar, 2, 2);
    }
    p.setPen(palette().color(QPalette::WindowText));
    p.drawLine(QPointF(centre, track.top() - 1), QPointF(centre, track.bottom() + 1));
    const QString text = std::isnan(m_value) ? QStringLiteral("—") : QString::asprintf("%+.2f", m_value);
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * 0.85);
    p.setFont(f);
    p.drawText(track.adjusted(4, 0, -4, 0), Qt::AlignVCenter | (m_value >= 0 ? Qt::AlignLeft : Qt::AlignRight), text);
}

} // namespace polymon
