#pragma once

#include <QStringList>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;

namespace polymon {

// The chat row of the Timeline: a stream's chat channel (Twitch, read
// only), the keywords to flag, a switch, and the chat's pace. Remembers
// the channel and keywords.
class ChatFeedBar final : public QWidget
{
    Q_OBJECT
public:
    explicit ChatFeedBar(QWidget *parent = nullptr);

    QCheckBox *chatSwitch() const noexcept { return m_switch; }
    QString channel() const;
    QStringList keywords() const;
    void setChannel(const QString &channel);
    void setState(const QString &text);

Q_SIGNALS:
    void toggled(bool on);

private:
    QCheckBox *m_switch;
    QLineEdit *m_channel;
    QLineEdit *m_keywords;
    QLabel *m_state;
};

} // namespace polymon
