#pragma once

#include <QWidget>

namespace polymon {

// Band imbalance from -1 (all asks) to +1 (all bids) as a bar growing from
// the centre: green toward the right for bids, red toward the left for asks.
class ImbalanceBar final : public QWidget
{
    Q_OBJECT
public:
    explicit ImbalanceBar(QWidget *parent = nullptr);

    void setImbalance(double imbalance); // NaN: no value
    double imbalance() const noexcept { return m_value; }
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    double m_value;
};

} // namespace polymon
