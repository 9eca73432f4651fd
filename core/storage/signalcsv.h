#pragma once

#include <QIODevice>
#include <QString>

namespace polymon {

// Signal history with outcomes and market question, as RFC 4180 CSV (CRLF
// line ends, quotes doubled, fields with separators quoted). Text cells that
// begin with = + - @ (or a tab or CR) get a leading ' so spreadsheets never
// run them as formulas. Prices are exact decimals.
class SignalCsv final
{
public:
    struct Filter
    {
        qint64 sinceMs = 0;   // 0: everything
        QString market;       // condition id or asset id; empty: every market
        // The signal log's filters: one type ("PANIC_SELL"), a minimum
        // confidence, and text found in the outcome or the question.
        QString type;
        int minConfidence = 0;
        QString text;

        bool narrowed() const { return !market.isEmpty() || !type.isEmpty() || minConfidence > 0 || !text.isEmpty() || sinceMs > 0; }
    };

    // False with a reason; `rows` is the number of signals written.
    static bool exportTo(const QString &dbPath, QIODevice &out, const Filter &filter, int &rows, QString &error);

    static QString field(const QString &text, bool isText);
    static QStringList header();
};

} // namespace polymon
