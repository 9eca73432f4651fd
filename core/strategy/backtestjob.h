#pragma once

#include "strategybacktest.h"
#include "walkforward.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <optional>

class QThread;

namespace polymon {

// One strategy backtest on a worker thread, for the desktop: progress as
// it goes (share of the work, throttled), cancel at any time, the result
// read once `finished` has been emitted. One run at a time.
class BacktestJob final : public QObject
{
    Q_OBJECT
public:
    struct Request
    {
        QString path;
        std::vector<GridPoint> points;
        int folds = 4; // walk-forward folds, used when the grid has several points
    };

    explicit BacktestJob(QObject *parent = nullptr);
    ~BacktestJob() override; // cancels and waits

    // False when a run is still going.
    bool start(const Request &request);
    void cancel();
    bool running() const noexcept { return m_thread != nullptr; }

    const StrategyBacktestResult &result() const noexcept { return m_result; }
    // Present when the grid had more than one point.
    const std::optional<WalkForwardResult> &walkForward() const noexcept { return m_walkForward; }

Q_SIGNALS:
    void progress(double done);
    // ok false: `error` says why (cancelled, or the file could not be read).
    void finished(bool ok, const QString &error);

private:
    void onThreadFinished();

    QThread *m_thread = nullptr;
    std::atomic<bool> m_cancel{false};
    StrategyBacktestResult m_result;
    std::optional<WalkForwardResult> m_walkForward;
    std::string m_error;
};

} // namespace polymon
