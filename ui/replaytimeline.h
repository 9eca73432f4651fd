#pragma once

#include <QList>
#include <QPair>
#include <QSlider>

namespace polymon {

// The replay's seek slider, with the stretches nobody recorded (coverage
// gaps of a capture from a shared store) shaded along its groove.
class ReplayTimeline final : public QSlider
{
    Q_OBJECT
public:
    explicit ReplayTimeline(QWidget *parent = nullptr);

    // Spans as fractions of the range (0..1), drawn until replaced.
    void setShaded(const QList<QPair<double, double>> &spans);
    const QList<QPair<double, double>> &shaded() const noexcept { return m_shaded; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QList<QPair<double, double>> m_shaded;
};

} // namespace polymon
