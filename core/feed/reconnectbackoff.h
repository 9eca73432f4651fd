#pragma once

#include <QRandomGenerator>

namespace polymon {

// Exponential backoff with jitter: each delay is drawn from [d/2, d] where d
// doubles from the initial delay up to the cap, so clients that lost the same
// server do not all come back at once.
class ReconnectBackoff final
{
public:
    ReconnectBackoff(int initialMs, int maxMs, quint32 seed);

    int nextDelayMs();
    void reset() noexcept { m_attempt = 0; }
    int attempt() const noexcept { return m_attempt; }

private:
    int m_initialMs;
    int m_maxMs;
    int m_attempt = 0;
    QRandomGenerator m_random;
};

} // namespace polymon
