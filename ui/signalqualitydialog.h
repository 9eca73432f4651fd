#pragma once

#include <QDialog>
#include <QJsonObject>

class QLabel;
class QTableWidget;

namespace polymon {

// Signal ▸ Quality: does each type pay over the recorded history? Per type:
// the mid's move in the recommended direction 30 s, 2 min and 5 min after
// the signal, the touch-to-touch PnL after 5 min net of the taker fee, and
// the reverted share, each with its 95 % interval.
class SignalQualityDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit SignalQualityDialog(QWidget *parent = nullptr);

    // SignalQuality::toJson, the BUY/SELL signals read; or the error.
    void showResult(const QJsonObject &quality, int signals, const QString &error);
    QTableWidget *table() const noexcept { return m_table; }

private:
    QTableWidget *m_table;
    QLabel *m_caption;
    QString m_about; // what the figures are
};

} // namespace polymon
