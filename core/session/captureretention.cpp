#include "captureretention.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace polymon {

CaptureRetention::Result CaptureRetention::prune(const QString &dir, int maxAgeDays, qint64 maxBytes, const QString &keep)
{
    Result result;
    // Oldest first.
    QFileInfoList files = QDir(dir).entryInfoList({QStringLiteral("*.pmcap")}, QDir::Files, QDir::Time | QDir::Reversed);
    const QString kept = QFileInfo(keep).absoluteFilePath();
    const QDateTime cutoff = QDateTime::currentDateTimeUtc().addDays(-maxAgeDays);
    auto remove = [&](const QFileInfo &f) {
        if (f.absoluteFilePath() == kept || !QFile::remove(f.absoluteFilePath()))
            return false;
        result.removed << f.fileName();
        result.freedBytes += f.size();
        return true;
    };
    QFileInfoList left;
    for (const QFileInfo &f : files) {
        if (maxAgeDays > 0 && f.lastModified().toUTC() < cutoff && remove(f))
            continue;
        left << f;
    }
    qint64 total = 0;
    for (const QFileInfo &f : left)
        total += f.size();
    for (const QFileInfo &f : left) {
        if (maxBytes <= 0 || total <= maxBytes)
            break;
        if (remove(f))
            total -= f.size();
    }
    result.keptBytes = total;
    return result;
}

} // namespace polymon
