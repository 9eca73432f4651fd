#pragma once

#include <QWizardPage>

#include <memory>

class QCheckBox;
class QLabel;
class QLineEdit;
class QRadioButton;

namespace polymon {

struct LiveSetupState;

// The key that signs: a throwaway one for the simulated exchange, the one
// stored earlier, or one pasted here and kept in the system keychain (or,
// where no keychain answers, sealed in a file with a passphrase). It is
// never shown, logged or written in the clear. Where it was kept is
// remembered (not the key): "keychain" or "file".
class LiveSetupKeyPage final : public QWizardPage
{
    Q_OBJECT
public:
    LiveSetupKeyPage(std::shared_ptr<LiveSetupState> state, QWidget *parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

private:
    void update();
    bool generate(QString &error);
    bool unlock(QString &error);
    bool import(QString &error);
    static QString storedIn();

    std::shared_ptr<LiveSetupState> m_state;
    QRadioButton *m_generate;
    QRadioButton *m_stored;
    QRadioButton *m_import;
    QCheckBox *m_keychain;
    QLineEdit *m_key;
    QLineEdit *m_passphrase;
    QLineEdit *m_repeat;
    QLabel *m_error;
};

} // namespace polymon
