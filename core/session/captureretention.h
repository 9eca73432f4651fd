#pragma once

#include <QString>
#include <QStringList>

namespace polymon {

// Keeps the captures folder within the user's limits: recordings older than
// the age limit go, then the oldest until the folder is under the size
// limit. The capture being written is never removed.
class CaptureRetention final
{
public:
    struct Result
    {
        QStringList removed;
        qint64 freedBytes = 0;
        qint64 keptBytes = 0;
    };
    // maxAgeDays or maxBytes <= 0: no limit of that kind.
    static Result prune(const QString &dir, int maxAgeDays, qint64 maxBytes, const QString &keep = {});
};

} // namespace polymon
