#include "chatactivity.h"

#include <algorithm>
#include <limits>
#include <numeric>

namespace polymon {

namespace {
constexpr std::size_t kWindowS = 5;
constexpr double kUsualAlpha = 1.0 / 120; // the usual rate follows the last couple of minutes
} // namespace

ChatActivity::ChatActivity(Options options, MarketEvent concerns)
    : m_options(std::move(options))
    , m_concerns(std::move(concerns))
    , m_lastHitMs(std::size_t(m_options.keywords.size()), std::numeric_limits<std::int64_t>::min() / 2)
{
    for (const QString &k : std::as_const(m_options.keywords))
        m_words.emplace_back(QStringLiteral("(?<!\\w)%1(?!\\w)").arg(QRegularExpression::escape(k.trimmed())),
                             QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
}

MarketEvent ChatActivity::event(std::int64_t tsMs, const QString &type, const QString &text) const
{
    MarketEvent e = m_concerns;
    e.tsMs = tsMs;
    e.type = type;
    e.text = text;
    return e;
}

void ChatActivity::add(std::int64_t tsMs, const QString &text, std::vector<MarketEvent> &out)
{
    // A message for a second already closed counts in the first open one.
    const std::int64_t second = std::max(tsMs / 1000, m_closedUntil);
    ++m_open[second];
    for (std::size_t i = 0; i < m_words.size(); ++i) {
        if (tsMs - m_lastHitMs[i] < m_options.keywordCooldownMs || !m_words[i].match(text).hasMatch())
            continue;
        m_lastHitMs[i] = tsMs;
        out.push_back(event(tsMs, QStringLiteral("chat_keyword"),
                            QStringLiteral("%1: %2").arg(m_options.keywords[int(i)].trimmed(), text.left(120))));
    }
}

double ChatActivity::recentRate() const
{
    return m_recent.empty() ? 0.0 : double(std::accumulate(m_recent.begin(), m_recent.end(), 0)) / double(m_recent.size());
}

void ChatActivity::advance(std::int64_t nowMs, std::vector<MarketEvent> &out)
{
    const std::int64_t now = nowMs / 1000;
    if (m_closedUntil < 0)
        m_closedUntil = m_open.empty() ? now : std::min(now, m_open.begin()->first);
    for (; m_closedUntil < now; ++m_closedUntil) {
        const std::int64_t s = m_closedUntil;
        const auto it = m_open.find(s);
        const int count = it == m_open.end() ? 0 : it->second;
        if (it != m_open.end())
            m_open.erase(it);
        if (count > 0)
            out.push_back(event(s * 1000, QStringLiteral("chat_rate"), QString::number(count)));
        m_recent.push_back(count);
        if (m_recent.size() > kWindowS)
            m_recent.pop_front();
        ++m_seconds;
        const double recent = recentRate();
        if (m_seconds <= m_options.warmupS) {
            m_usual += (count - m_usual) / m_seconds; // a plain mean while it warms up
            continue;
        }
        const double threshold = std::max(m_options.minBurstRate, m_options.burstFactor * m_usual);
        if (!m_inBurst && m_recent.size() == kWindowS && recent >= threshold) {
            m_inBurst = true;
            // It began at the window's first second above the usual run.
            std::int64_t began = s - std::int64_t(kWindowS) + 1;
            for (std::size_t i = 0; i < m_recent.size(); ++i)
                if (m_recent[i] >= threshold) {
                    began = s - std::int64_t(m_recent.size()) + 1 + std::int64_t(i);
                    break;
                }
            out.push_back(event(began * 1000, QStringLiteral("chat_burst"),
                                QStringLiteral("%1 msg/s, %2x the usual %3")
                                    .arg(recent, 0, 'f', 1)
                                    .arg(m_usual > 0 ? recent / m_usual : 0.0, 0, 'f', 1)
                                    .arg(m_usual, 0, 'f', 1)));
        } else if (m_inBurst && recent < std::max(m_options.minBurstRate / 2, 1.5 * m_usual)) {
            m_inBurst = false;
        }
        if (!m_inBurst) // a burst does not teach what is usual
            m_usual += kUsualAlpha * (count - m_usual);
    }
}

} // namespace polymon
