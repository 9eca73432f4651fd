#include "noticebanner.h"

#include "themes.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace polymon {

NoticeBanner::NoticeBanner(QWidget *parent)
    : QFrame(parent)
{
    setObjectName(QStringLiteral("noticeBanner"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    m_text = new QLabel(this);
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::RichText);
    layout->addWidget(m_text, 1);
    m_primary = new QPushButton(this);
    m_primary->setObjectName(QStringLiteral("bannerPrimary"));
    m_secondary = new QPushButton(this);
    m_secondary->setObjectName(QStringLiteral("bannerSecondary"));
    layout->addWidget(m_secondary);
    layout->addWidget(m_primary);
    connect(m_primary, &QPushButton::clicked, this, &NoticeBanner::primaryClicked);
    connect(m_secondary, &QPushButton::clicked, this, &NoticeBanner::secondaryClicked);
    restyle();
    hide();
}

void NoticeBanner::showNotice(const QString &html, const QString &primary, const QString &secondary)
{
    m_text->setText(html);
    m_primary->setText(primary);
    m_primary->setVisible(!primary.isEmpty());
    m_secondary->setText(secondary);
    m_secondary->setVisible(!secondary.isEmpty());
    show();
}

QString NoticeBanner::text() const
{
    return m_text->text();
}

void NoticeBanner::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        restyle();
    QFrame::changeEvent(event);
}

void NoticeBanner::restyle()
{
    // Style sheets send palette changes of their own: restyle on a theme switch only.
    const int dark = Themes::isDark() ? 1 : 0;
    if (dark == m_dark)
        return;
    m_dark = dark;
    // Only the frame and its text: the buttons keep the style's look.
    m_text->setStyleSheet(QStringLiteral("color:%1;").arg(Themes::warningText().name()));
    setStyleSheet(QStringLiteral("QFrame#noticeBanner{background:%1;border-bottom:1px solid #e0a100;}")
                      .arg(Themes::warning().name()));
}

} // namespace polymon
