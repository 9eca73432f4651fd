#pragma once

#include <QWizardPage>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;

namespace polymon {

struct LiveSetupState;

// Which kind of Polymarket account trades: the signature type and, where
// the money sits in a wallet other than the key's, that wallet's address.
class LiveSetupAccountPage final : public QWizardPage
{
    Q_OBJECT
public:
    LiveSetupAccountPage(std::shared_ptr<LiveSetupState> state, QWidget *parent = nullptr);

    bool isComplete() const override;
    bool validatePage() override;

private:
    void explain();

    std::shared_ptr<LiveSetupState> m_state;
    QComboBox *m_type;
    QLabel *m_explanation;
    QLineEdit *m_funder;
    QLabel *m_funderHint;
};

} // namespace polymon
