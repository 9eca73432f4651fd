#include "reconnectbackoff.h"

#include <algorithm>

namespace polymon {

ReconnectBackoff::ReconnectBackoff(int initialMs, int maxMs, quint32 seed)
    : m_initialMs(std::max(1, initialMs))
    , m_maxMs(std::max(m_initialMs, maxMs))
    , m_random(seed)
{
}

int ReconnectBackoff::nextDelayMs()
{
    const int shift = std::min(m_attempt, 20);
    const qint64 ceiling = std::min<qint64>(qint64(m_initialMs) << shift, m_maxMs);
    ++m_attempt;
    const qint64 floor = ceiling / 2;
    return int(floor + qint64(m_random.bounded(quint32(ceiling - floor + 1))));
}

} // namespace polymon
