#include "chatfeedbar.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>

namespace polymon {

ChatFeedBar::ChatFeedBar(QWidget *parent)
    : QWidget(parent)
    , m_switch(new QCheckBox(tr("Stream chat"), this))
    , m_channel(new QLineEdit(this))
    , m_keywords(new QLineEdit(this))
    , m_state(new QLabel(this))
{
    setObjectName(QStringLiteral("chatFeedBar"));
    m_switch->setObjectName(QStringLiteral("chatSwitch"));
    m_switch->setToolTip(tr("Reads a live stream's chat (Twitch, anonymously, read only): its pace, bursts and "
                            "keywords become events of the market shown when it starts"));
    m_channel->setObjectName(QStringLiteral("chatChannel"));
    m_channel->setPlaceholderText(tr("Twitch channel"));
    m_channel->setMaximumWidth(160);
    m_keywords->setObjectName(QStringLiteral("chatKeywords"));
    m_keywords->setPlaceholderText(tr("keywords, comma-separated"));
    m_keywords->setMaximumWidth(220);
    m_state->setObjectName(QStringLiteral("chatState"));
    QSettings settings;
    m_channel->setText(settings.value(QStringLiteral("chat/channel")).toString());
    m_keywords->setText(settings.value(QStringLiteral("chat/keywords"), QStringLiteral("goal, red card, penalty")).toString());
    m_keywords->setCursorPosition(0);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_switch);
    layout->addWidget(m_channel);
    layout->addWidget(m_keywords);
    layout->addWidget(m_state, 1);
    connect(m_switch, &QCheckBox::toggled, this, [this](bool on) {
        QSettings settings;
        settings.setValue(QStringLiteral("chat/channel"), m_channel->text().trimmed());
        settings.setValue(QStringLiteral("chat/keywords"), m_keywords->text().trimmed());
        m_channel->setEnabled(!on);
        m_keywords->setEnabled(!on);
        Q_EMIT toggled(on);
    });
}

QString ChatFeedBar::channel() const
{
    return m_channel->text().trimmed();
}

QStringList ChatFeedBar::keywords() const
{
    QStringList out;
    for (const QString &k : m_keywords->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!k.trimmed().isEmpty())
            out << k.trimmed();
    return out;
}

void ChatFeedBar::setChannel(const QString &channel)
{
    m_channel->setText(channel);
}

void ChatFeedBar::setState(const QString &text)
{
    m_state->setText(text);
}

} // namespace polymon
