// Signing for the live exchange, against every published vector in
// conformance/polymarket/signing/ (order_eip712, eip712_domain_separators,
// l1_clob_auth, l2_hmac; rounding, fees and market prices are in tst_trading),
// and a real verifier: each signature recovers the key's address.
#include "clob/abiword.h"
#include "clob/accountsecrets.h"
#include "clob/secretfile.h"
#include "clob/keychainsecret.h"
#include "clob/clobauth.h"
#include "clob/cloborder.h"
#include "clob/eip712.h"
#include "clob/ethkey.h"
#include "clob/keccak.h"
#include "clob/l2hmac.h"
#include "clob/ordersigner.h"
#include "corpus.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QFile>
#include <QSettings>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace polymon;

namespace {

QJsonObject vectors(const char *name)
{
    QFile f(test::corpusPath(QStringLiteral("polymarket/signing/") + QLatin1String(name)));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing vector file %s", name);
    return QJsonDocument::fromJson(f.readAll()).object();
}

QString hex(const QByteArray &bytes)
{
    return QStringLiteral("0x") + QString::fromLatin1(bytes.toHex());
}

Eip712Domain domainOf(const QJsonObject &d)
{
    return Eip712Domain{d.value(QStringLiteral("name")).toString(), d.value(QStringLiteral("version")).toString(),
                        quint64(d.value(QStringLiteral("chainId")).toInteger()), d.value(QStringLiteral("verifyingContract")).toString()};
}

} // namespace

class TstSigning : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keccakAndAddresses()
    {
        // Keccak-256 (not SHA3-256) of the empty string.
        QCOMPARE(hex(keccak256(QByteArray())), QStringLiteral("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"));
        // Hardhat's account #0: a public test key and its EIP-55 address.
        EthKey key;
        QString error;
        QVERIFY2(EthKey::fromHex(QStringLiteral("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"), key, error),
                 qPrintable(error));
        QCOMPARE(key.address(), QStringLiteral("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"));
        // Bad keys are refused without echoing them.
        EthKey bad;
        QVERIFY(!EthKey::fromHex(QStringLiteral("0x1234"), bad, error));
        QVERIFY(!error.contains(QStringLiteral("1234")));
        QVERIFY(!EthKey::fromHex(QString(64, QLatin1Char('0')), bad, error)); // zero is not a key
        // uint256 words: exact, and refused past 2^256 - 1.
        QByteArray w;
        QVERIFY(AbiWord::fromDecimal(QStringLiteral("115792089237316195423570985008687907853269984665640564039457584007913129639935"), w, error));
        QCOMPARE(w, QByteArray(32, char(0xff)));
        QVERIFY(!AbiWord::fromDecimal(QStringLiteral("115792089237316195423570985008687907853269984665640564039457584007913129639936"), w, error));
        QVERIFY(!AbiWord::fromDecimal(QStringLiteral("12a"), w, error));
        QVERIFY(!AbiWord::fromAddress(QStringLiteral("0x1234"), w, error));
    }

    void domainSeparatorsMatchThePublishedOnes()
    {
        POLYMON_REQUIRE_CORPUS();
        const QJsonArray published = vectors("eip712_domain_separators.json").value(QStringLiteral("published")).toArray();
        QVERIFY(published.size() >= 7);
        for (const QJsonValue &v : published) {
            const QJsonObject o = v.toObject();
            const Eip712Domain domain = domainOf(o.value(QStringLiteral("domain")).toObject());
            QByteArray separator;
            QString error;
            QVERIFY2(Eip712::domainSeparator(domain, separator, error), qPrintable(error));
            QCOMPARE(hex(separator), o.value(QStringLiteral("expected_domain_separator")).toString().toLower());
        }
    }

    void ordersHashAndSignAsTheClientsDo()
    {
        POLYMON_REQUIRE_CORPUS();
        const QJsonObject all = vectors("order_eip712.json");
        int signedCount = 0, hashed = 0;
        for (const QString &version : {QStringLiteral("v1"), QStringLiteral("v2")}) {
            for (const QJsonValue &v : all.value(version).toArray()) {
                const QJsonObject o = v.toObject();
                const QString id = o.value(QStringLiteral("id")).toString();
                const Eip712Domain domain = domainOf(o.value(QStringLiteral("domain")).toObject());
                ClobOrder order;
                QString error;
                QVERIFY2(ClobOrder::fromJson(o.value(QStringLiteral("order")).toObject(), version == QLatin1String("v1") ? 1 : 2, order, error),
                         qPrintable(id + QStringLiteral(": ") + error));
                const QJsonObject expected = o.value(QStringLiteral("expected")).toObject();
                QString digest = expected.value(QStringLiteral("eip712_digest(order_hash)")).toString();
                if (digest.isEmpty())
                    digest = expected.value(QStringLiteral("order_hash_eip712_digest")).toString();
                QByteArray hash;
                QVERIFY2(OrderSigner::orderHash(domain, order, hash, error), qPrintable(error));
                if (!digest.isEmpty()) {
                    QCOMPARE(hex(hash), digest.toLower());
                    ++hashed;
                }
                const QString key = o.value(QStringLiteral("private_key")).toString();
                const QString signature = expected.value(QStringLiteral("signature")).toString();
                if (key.isEmpty() || signature.isEmpty())
                    continue;
                EthKey ethKey;
                QVERIFY(EthKey::fromHex(key, ethKey, error));
                SignedOrder out;
                QVERIFY2(OrderSigner::sign(domain, order, ethKey, out, error), qPrintable(id + QStringLiteral(": ") + error));
                QCOMPARE(hex(out.signature), signature.toLower());
                QCOMPARE(out.orderHash, hash);
                if (order.signatureType != 3) {
                    // A real verifier: the signature recovers the signer's address.
                    QCOMPARE(EthKey::recoverAddress(hash, out.signature, error), ethKey.address());
                } else {
                    QCOMPARE(out.signature.size(), 317); // the ERC-7739 wrapper
                }
                ++signedCount;
            }
        }
        QVERIFY2(signedCount >= 6 && hashed >= 6, qPrintable(QStringLiteral("%1 signed, %2 hashed").arg(signedCount).arg(hashed)));
    }

    void aWrongSignerIsRefused()
    {
        EthKey key;
        QString error;
        QVERIFY(EthKey::fromHex(QStringLiteral("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"), key, error));
        ClobOrder order;
        order.salt = QStringLiteral("1");
        order.maker = order.signer = QStringLiteral("0x1111111111111111111111111111111111111111");
        order.tokenId = QStringLiteral("1234");
        order.makerAmount = QStringLiteral("100000000");
        order.takerAmount = QStringLiteral("50000000");
        order.timestamp = QStringLiteral("1713398400000");
        SignedOrder out;
        const Eip712Domain domain{QStringLiteral("Polymarket CTF Exchange"), QStringLiteral("2"), 137, Eip712Domain::standardExchangeV2()};
        QVERIFY(!OrderSigner::sign(domain, order, key, out, error));
        QVERIFY(error.contains(QStringLiteral("signer")));
        // A tampered signature recovers someone else (or nothing).
        order.signer = order.maker = key.address();
        QVERIFY2(OrderSigner::sign(domain, order, key, out, error), qPrintable(error));
        QByteArray tampered = out.signature;
        tampered[10] = char(tampered[10] ^ 1);
        QVERIFY(EthKey::recoverAddress(out.orderHash, tampered, error) != key.address());
    }

    void l1AuthMatchesTheVector()
    {
        POLYMON_REQUIRE_CORPUS();
        const QJsonArray all = vectors("l1_clob_auth.json").value(QStringLiteral("vectors")).toArray();
        QVERIFY(!all.isEmpty());
        for (const QJsonValue &v : all) {
            const QJsonObject in = v.toObject().value(QStringLiteral("inputs")).toObject();
            EthKey key;
            QString error;
            QVERIFY(EthKey::fromHex(in.value(QStringLiteral("private_key")).toString(), key, error));
            QCOMPARE(key.address(), in.value(QStringLiteral("address")).toString());
            const QString signature = ClobAuth::signature(key, in.value(QStringLiteral("timestamp")).toInteger(),
                                                          quint64(in.value(QStringLiteral("nonce")).toInteger()),
                                                          quint64(in.value(QStringLiteral("chainId")).toInteger()), error);
            QCOMPARE(signature, v.toObject().value(QStringLiteral("expected")).toObject().value(QStringLiteral("signature")).toString());
        }
    }

    void l2HmacMatchesTheVectors()
    {
        POLYMON_REQUIRE_CORPUS();
        const QJsonArray all = vectors("l2_hmac.json").value(QStringLiteral("vectors")).toArray();
        int checked = 0;
        for (const QJsonValue &v : all) {
            const QJsonObject o = v.toObject();
            const QJsonObject in = o.value(QStringLiteral("inputs")).toObject();
            const QString expected = o.value(QStringLiteral("expected")).toObject().value(QStringLiteral("POLY_SIGNATURE")).toString();
            if (!in.contains(QStringLiteral("secret")) || expected.isEmpty())
                continue; // a message-only vector: its bytes are checked below
            const QJsonValue body = in.value(QStringLiteral("body"));
            const QString signature = L2Hmac::signature(in.value(QStringLiteral("secret")).toString(),
                                                        in.value(QStringLiteral("timestamp")).toVariant().toString(),
                                                        in.value(QStringLiteral("method")).toString(),
                                                        in.value(QStringLiteral("requestPath")).toString(),
                                                        body.isString() ? body.toString().toUtf8() : QByteArray());
            QCOMPARE(signature, expected);
            ++checked;
        }
        QVERIFY(checked >= 3);
        // The secret's spellings the clients accept decode alike.
        QCOMPARE(L2Hmac::decodeSecret(QStringLiteral("AAAAAAAAA^^AAAAAAAA<>AAAAA||AAAAAAAAAAAAAAAAAAAAA=")),
                 L2Hmac::decodeSecret(QStringLiteral("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")));
        QCOMPARE(L2Hmac::decodeSecret(QStringLiteral("++/A")), L2Hmac::decodeSecret(QStringLiteral("--_A")));
    }

    void secretsAreSealedWithThePassphrase()
    {
        SecretFile::setCostLog2ForTests(12); // fast in tests; the file records the cost it used
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("account.secret"));
        AccountSecrets secrets;
        secrets.privateKey = QStringLiteral("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
        secrets.apiKey = QStringLiteral("0d7f5a2c-1111-2222-3333-444455556666");
        secrets.apiSecret = QStringLiteral("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        secrets.apiPassphrase = QStringLiteral("hunter2-passphrase");
        secrets.signatureType = 3;
        secrets.funder = QStringLiteral("0x1111111111111111111111111111111111111111");
        QString error;
        QVERIFY(!SecretFile::write(path, QStringLiteral("short"), secrets.toBytes(), error)); // too short a passphrase
        QVERIFY2(SecretFile::write(path, QStringLiteral("correct horse battery"), secrets.toBytes(), error), qPrintable(error));
        // Nothing readable on disk, and only the owner may read it.
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray onDisk = file.readAll();
        file.close();
        QVERIFY(!onDisk.contains("ac0974bec39a17e3"));
        QVERIFY(!onDisk.contains("hunter2"));
        QVERIFY(!onDisk.contains("0d7f5a2c"));
        QCOMPARE(file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteOther), QFileDevice::Permissions());
        // Read back with the passphrase.
        QByteArray plain;
        QVERIFY2(SecretFile::read(path, QStringLiteral("correct horse battery"), plain, error), qPrintable(error));
        AccountSecrets back;
        QVERIFY2(AccountSecrets::fromBytes(plain, back, error), qPrintable(error));
        QCOMPARE(back.privateKey, secrets.privateKey);
        QCOMPARE(back.apiPassphrase, secrets.apiPassphrase);
        QCOMPARE(back.signatureType, 3);
        QVERIFY(back.hasApiCredentials());
        back.wipe();
        QVERIFY(back.privateKey.isEmpty() && back.apiSecret.isEmpty());
        // A wrong passphrase and a damaged file are refused, not misread.
        QVERIFY(!SecretFile::read(path, QStringLiteral("correct horse battery!"), plain, error));
        QVERIFY(error.contains(QStringLiteral("wrong passphrase")));
        QByteArray damaged = onDisk;
        damaged[damaged.size() - 20] = char(damaged[damaged.size() - 20] ^ 0x40);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(damaged);
        file.close();
        QVERIFY(!SecretFile::read(path, QStringLiteral("correct horse battery"), plain, error));
        // Another file is not taken for one.
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80\n");
        file.close();
        QVERIFY(!SecretFile::read(path, QStringLiteral("correct horse battery"), plain, error));
        QVERIFY(error.contains(QStringLiteral("not a polymon secret file")));
        SecretFile::setCostLog2ForTests(SecretFile::kDefaultCostLog2);
    }

    // The system keychain: where one runs the secret goes in and comes back;
    // where none does (this CI machine) the call says why, and nothing is
    // written in the clear (QtKeychain's plain-text fallback stays off).
    void keychainKeepsOrRefusesWithAReason()
    {
        QTemporaryDir dir;
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir.path());
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.path());
        const QByteArray secret = QByteArrayLiteral("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
        const QString name = QStringLiteral("polymon-test-%1").arg(QCoreApplication::applicationPid());
        QString error;
        if (KeychainSecret::write(name, secret, error)) {
            QByteArray back;
            QVERIFY2(KeychainSecret::read(name, back, error), qPrintable(error));
            QCOMPARE(back, secret);
            QVERIFY2(KeychainSecret::remove(name, error), qPrintable(error));
            QVERIFY(!KeychainSecret::read(name, back, error));
        } else {
            QVERIFY(!error.isEmpty());
            qInfo() << "no system keychain here:" << error;
            QByteArray back;
            QVERIFY(!KeychainSecret::read(name, back, error));
            QVERIFY(back.isEmpty());
        }
        QDirIterator files(dir.path(), QDir::Files, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            QFile f(files.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(!f.readAll().contains(secret.mid(2, 20)), qPrintable(f.fileName()));
        }
    }
};

QTEST_GUILESS_MAIN(TstSigning)
#include "tst_signing.moc"
