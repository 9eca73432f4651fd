#include "sportsresults.h"

namespace polymon {

namespace {

// "3-16" -> (3, 16); esports "000-000|2-0|Bo3" -> the maps (2, 0). False when there are no two numbers.
bool sides(const QString &score, int &home, int &away)
{
    const QStringList parts = score.split(QLatin1Char('|'));
    const QString pair = parts.size() >= 2 ? parts[1] : parts[0];
    const QStringList n = pair.split(QLatin1Char('-'));
    bool a = false, b = false;
    if (n.size() != 2)
        return false;
    home = n[0].trimmed().toInt(&a);
    away = n[1].trimmed().toInt(&b);
    return a && b;
}

} // namespace

bool SportsResults::apply(const QJsonObject &u, std::int64_t receivedMs, std::vector<MarketEvent> &out, QString &error)
{
    const QString slug = u.value(QStringLiteral("slug")).toString();
    const QString id = slug.isEmpty() ? QString::number(u.value(QStringLiteral("gameId")).toInteger()) : slug;
    if (id.isEmpty() || id == QLatin1String("0") || !u.contains(QStringLiteral("score"))) {
        error = QStringLiteral("not a sport_result (no slug or gameId, or no score)");
        return false;
    }
    const QString home = u.value(QStringLiteral("homeTeam")).toString(QStringLiteral("home"));
    const QString away = u.value(QStringLiteral("awayTeam")).toString(QStringLiteral("away"));
    Game now;
    now.score = u.value(QStringLiteral("score")).toString();
    now.period = u.value(QStringLiteral("period")).toString();
    now.turn = u.value(QStringLiteral("turn")).toString();
    now.live = u.value(QStringLiteral("live")).toBool();
    now.ended = u.value(QStringLiteral("ended")).toBool();
    const QString state = QStringLiteral("%1 %2 %3%4%5")
                              .arg(home, now.score, away, now.period.isEmpty() ? QString() : QStringLiteral(", ") + now.period,
                                   u.value(QStringLiteral("elapsed")).toString().isEmpty()
                                       ? QString()
                                       : QStringLiteral(" ") + u.value(QStringLiteral("elapsed")).toString());
    auto emitEvent = [&](const QString &type) { out.push_back(MarketEvent{receivedMs, type, {}, {}, state, slug}); };
    const auto it = m_games.constFind(id);
    if (it == m_games.cend()) {
        emitEvent(QStringLiteral("status"));
        m_games.insert(id, now);
        return true;
    }
    const Game before = *it;
    if (now.live && !before.live && !now.ended)
        emitEvent(QStringLiteral("live"));
    int h0 = 0, a0 = 0, h1 = 0, a1 = 0;
    if (sides(before.score, h0, a0) && sides(now.score, h1, a1)) {
        if (h1 > h0)
            emitEvent(QStringLiteral("score home"));
        if (a1 > a0)
            emitEvent(QStringLiteral("score away"));
    }
    if (!now.period.isEmpty() && now.period != before.period)
        emitEvent(QStringLiteral("period"));
    if (!now.turn.isEmpty() && now.turn != before.turn)
        emitEvent(QStringLiteral("possession"));
    if (now.ended && !before.ended)
        emitEvent(QStringLiteral("ended"));
    m_games.insert(id, now);
    return true;
}

} // namespace polymon
