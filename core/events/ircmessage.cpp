#include "ircmessage.h"

namespace polymon {

namespace {

// IRCv3 tag values escape ';', ' ', '\', CR and LF.
QString unescapeTag(QStringView v)
{
    QString out;
    out.reserve(v.size());
    for (qsizetype i = 0; i < v.size(); ++i) {
        if (v[i] != QLatin1Char('\\') || i + 1 == v.size()) {
            if (v[i] != QLatin1Char('\\'))
                out += v[i];
            continue;
        }
        const QChar c = v[++i];
        out += c == QLatin1Char(':') ? QChar(QLatin1Char(';')) : c == QLatin1Char('s') ? QChar(QLatin1Char(' '))
             : c == QLatin1Char('r') ? QChar(QLatin1Char('\r')) : c == QLatin1Char('n') ? QChar(QLatin1Char('\n'))
             : c;
    }
    return out;
}

QStringView nextWord(QStringView &rest)
{
    const qsizetype space = rest.indexOf(QLatin1Char(' '));
    const QStringView word = space < 0 ? rest : rest.left(space);
    rest = space < 0 ? QStringView() : rest.mid(space + 1);
    while (rest.startsWith(QLatin1Char(' ')))
        rest = rest.mid(1);
    return word;
}

} // namespace

bool IrcMessage::parse(QStringView line, IrcMessage &out, QString &error)
{
    out = {};
    while (line.endsWith(QLatin1Char('\n')) || line.endsWith(QLatin1Char('\r')))
        line.chop(1);
    QStringView rest = line;
    if (rest.startsWith(QLatin1Char('@'))) {
        const QStringView tags = nextWord(rest).mid(1);
        for (QStringView tag : tags.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
            const qsizetype eq = tag.indexOf(QLatin1Char('='));
            out.tags.insert((eq < 0 ? tag : tag.left(eq)).toString(), eq < 0 ? QString() : unescapeTag(tag.mid(eq + 1)));
        }
    }
    if (rest.startsWith(QLatin1Char(':')))
        out.prefix = nextWord(rest).mid(1).toString();
    const QStringView command = nextWord(rest);
    if (command.isEmpty()) {
        error = QStringLiteral("no command");
        return false;
    }
    for (QChar c : command)
        if (!c.isLetterOrNumber()) {
            error = QStringLiteral("not a command: %1").arg(command.left(20));
            return false;
        }
    out.command = command.toString().toUpper();
    while (!rest.isEmpty()) {
        if (rest.startsWith(QLatin1Char(':'))) {
            out.params << rest.mid(1).toString();
            break;
        }
        out.params << nextWord(rest).toString();
    }
    return true;
}

} // namespace polymon
