#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

namespace polymon {

// One IRC line (RFC 1459 with IRCv3 message tags), as a stream's chat sends
// it over IRC-over-WebSocket: `@tags :prefix COMMAND params :trailing`.
struct IrcMessage
{
    QHash<QString, QString> tags; // unescaped values
    QString prefix;               // nick!user@host, or a server name
    QString command;              // PRIVMSG, PING, 001, ...
    QStringList params;           // the trailing parameter last

    // The sender's nick (the prefix up to '!').
    QString nick() const { return prefix.section(QLatin1Char('!'), 0, 0); }
    QString last() const { return params.value(params.size() - 1); }
    // False (and `error` says why) for a line that is not IRC.
    static bool parse(QStringView line, IrcMessage &out, QString &error);
};

} // namespace polymon
