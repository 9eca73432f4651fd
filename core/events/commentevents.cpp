#include "commentevents.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace polymon::CommentEvents {

QJsonObject subscription(const QString &eventId)
{
    bool numeric = false;
    const qint64 id = eventId.toLongLong(&numeric);
    QJsonObject filter{{QStringLiteral("parentEntityType"), QStringLiteral("Event")}};
    filter.insert(QStringLiteral("parentEntityID"), numeric ? QJsonValue(id) : QJsonValue(eventId));
    const QJsonObject topic{{QStringLiteral("topic"), QStringLiteral("comments")},
                            {QStringLiteral("type"), QStringLiteral("comment_created")},
                            {QStringLiteral("filters"), QString::fromUtf8(QJsonDocument(filter).toJson(QJsonDocument::Compact))}};
    return {{QStringLiteral("action"), QStringLiteral("subscribe")}, {QStringLiteral("subscriptions"), QJsonArray{topic}}};
}

bool parse(const QJsonObject &message, const MarketEvent &concerns, std::vector<MarketEvent> &out, QString &error)
{
    if (message.value(QStringLiteral("topic")).toString() != QLatin1String("comments")
        || message.value(QStringLiteral("type")).toString() != QLatin1String("comment_created"))
        return true; // another stream's message
    const QJsonObject payload = message.value(QStringLiteral("payload")).toObject();
    const QString body = payload.value(QStringLiteral("body")).toString().simplified();
    if (body.isEmpty()) {
        error = QStringLiteral("a comment without a body");
        return false;
    }
    qint64 ts = message.value(QStringLiteral("timestamp")).toVariant().toLongLong();
    if (ts <= 0) {
        const QDateTime created = QDateTime::fromString(payload.value(QStringLiteral("createdAt")).toString(), Qt::ISODateWithMs);
        if (!created.isValid()) {
            error = QStringLiteral("a comment without a time");
            return false;
        }
        ts = created.toMSecsSinceEpoch();
    }
    const QJsonObject profile = payload.value(QStringLiteral("profile")).toObject();
    QString name = profile.value(QStringLiteral("name")).toString();
    if (name.isEmpty())
        name = profile.value(QStringLiteral("pseudonym")).toString();
    MarketEvent e = concerns;
    e.tsMs = ts;
    e.type = QStringLiteral("comment");
    e.text = (name.isEmpty() ? QString() : name + QStringLiteral(": ")) + body.left(280);
    out.push_back(std::move(e));
    return true;
}

} // namespace polymon::CommentEvents
