#include "backtestjob.h"

#include <QThread>

#include <chrono>

namespace polymon {

BacktestJob::BacktestJob(QObject *parent)
    : QObject(parent)
{
}

BacktestJob::~BacktestJob()
{
    if (m_thread) {
        m_cancel = true;
        m_thread->wait();
        delete m_thread;
    }
}

bool BacktestJob::start(const Request &request)
{
    if (m_thread)
        return false;
    m_cancel = false;
    m_error.clear();
    m_walkForward.reset();
    m_thread = QThread::create([this, request] {
        auto lastReport = std::chrono::steady_clock::now() - std::chrono::seconds(1);
        const auto onProgress = [&](double done) {
            const auto now = std::chrono::steady_clock::now();
            if (now - lastReport >= std::chrono::milliseconds(100)) { // the bar needs no more
                lastReport = now;
                Q_EMIT progress(done);
            }
            return !m_cancel.load();
        };
        StrategyBacktest::run(request.path.toStdString(), request.points, m_result, m_error, onProgress);
        if (!m_result.cancelled && m_error.empty() && request.points.size() > 1)
            m_walkForward = WalkForward::run(m_result.trades, m_result.startMs, m_result.endMs, request.folds);
    });
    connect(m_thread, &QThread::finished, this, &BacktestJob::onThreadFinished);
    m_thread->start(QThread::LowPriority);
    return true;
}

void BacktestJob::cancel()
{
    m_cancel = true;
}

void BacktestJob::onThreadFinished()
{
    m_thread->deleteLater();
    m_thread = nullptr;
    if (!m_error.empty())
        Q_EMIT finished(false, QString::fromStdString(m_error));
    else if (m_result.cancelled)
        Q_EMIT finished(false, tr("Cancelled"));
    else
        Q_EMIT finished(true, QString());
}

} // namespace polymon
