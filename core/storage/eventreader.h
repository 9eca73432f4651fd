#pragma once

#include "events/marketevent.h"

#include <QString>

#include <vector>

namespace polymon {

// Stored events of a time range, oldest first, on a read-only connection.
namespace EventReader {

bool read(const QString &dbPath, qint64 fromMs, qint64 toMs, std::vector<MarketEvent> &out, QString &error);

} // namespace EventReader
} // namespace polymon
