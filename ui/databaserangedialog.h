#pragma once

#include <QDialog>

class QDateTimeEdit;

namespace polymon {

// File ▸ Replay from the database: the time range to play (the last hour
// by default), with a word on what such a replay is made of.
class DatabaseRangeDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit DatabaseRangeDialog(QWidget *parent = nullptr);

    qint64 fromMs() const;
    qint64 toMs() const;

private:
    QDateTimeEdit *m_from;
    QDateTimeEdit *m_to;
};

} // namespace polymon
