#include "videosurface.h"

#include <QPainter>
#include <QVideoFrame>
#include <QVideoSink>

namespace polymon {

VideoSurface::VideoSurface(QWidget *parent)
    : QWidget(parent)
    , m_sink(new QVideoSink(this))
{
    setObjectName(QStringLiteral("videoSurface"));
    setMinimumSize(160, 90);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    connect(m_sink, &QVideoSink::videoFrameChanged, this, &VideoSurface::onFrame);
}

void VideoSurface::setPlaceholder(const QString &text)
{
    m_placeholder = text;
    update();
}

void VideoSurface::clearFrame()
{
    m_image = {};
    update();
}

void VideoSurface::onFrame(const QVideoFrame &frame)
{
    if (!frame.isValid())
        return;
    m_image = frame.toImage();
    ++m_frames;
    update();
}

void VideoSurface::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), Qt::black);
    if (m_image.isNull()) {
        p.setPen(QColor(200, 200, 200));
        p.drawText(rect().adjusted(16, 16, -16, -16), Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
        return;
    }
    const QSize fitted = m_image.size().scaled(size(), Qt::KeepAspectRatio);
    const QRect target(QPoint((width() - fitted.width()) / 2, (height() - fitted.height()) / 2), fitted);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    p.drawImage(target, m_image);
}

} // namespace polymon
