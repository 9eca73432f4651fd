#pragma once

#include "marketevent.h"

#include <QJsonObject>
#include <QString>

#include <vector>

namespace polymon {

// Market comments from Polymarket's real-time data socket (RTDS,
// wss://ws-live-data.polymarket.com, topic "comments"): each
// `comment_created` message becomes a `comment` event ("name: body") on
// the market it is followed for, dated by the message's timestamp.
namespace CommentEvents {

// The subscription for an event's comments (Gamma event id).
QJsonObject subscription(const QString &eventId);
// False (and why) for a message that is not a comment; other topics and
// types are skipped (true, nothing added).
bool parse(const QJsonObject &message, const MarketEvent &concerns, std::vector<MarketEvent> &out, QString &error);

} // namespace CommentEvents
} // namespace polymon
