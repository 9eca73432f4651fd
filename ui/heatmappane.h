#pragma once

#include <QWidget>

class QDoubleSpinBox;
class QSpinBox;
class QToolButton;

namespace polymon {

class HeatmapView;

// The heatmap with its controls: colour cut-offs (lower and upper
// percentile of the sizes on screen), the smallest trade drawn, and
// follow live.
class HeatmapPane final : public QWidget
{
    Q_OBJECT
public:
    explicit HeatmapPane(QWidget *parent = nullptr);
    HeatmapView *view() const noexcept { return m_view; }

private:
    HeatmapView *m_view;
    QSpinBox *m_lower;
    QSpinBox *m_upper;
    QDoubleSpinBox *m_minTrade;
    QToolButton *m_follow;
};

} // namespace polymon
