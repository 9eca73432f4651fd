#pragma once

#include <QImage>
#include <QWidget>

class QVideoFrame;
class QVideoSink;

namespace polymon {

// Paints the player's frames, scaled to fit and letterboxed, with a line
// of text when there is no picture. Painted by the widget itself (not a
// native video window) so it docks, grabs and screenshots like any other.
class VideoSurface final : public QWidget
{
    Q_OBJECT
public:
    explicit VideoSurface(QWidget *parent = nullptr);

    QVideoSink *sink() const noexcept { return m_sink; }
    void setPlaceholder(const QString &text);
    void clearFrame();
    int framesShown() const noexcept { return m_frames; }
    QSize sizeHint() const override { return {480, 270}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void onFrame(const QVideoFrame &frame);

    QVideoSink *m_sink;
    QImage m_image;
    QString m_placeholder;
    int m_frames = 0;
};

} // namespace polymon
