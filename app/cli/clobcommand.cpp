#include "clicommon.h"
#include "commands.h"

#include "clob/cloborder.h"
#include "clob/eip712.h"
#include "clob/ethkey.h"
#include "clob/ordersigner.h"

#include <QFile>
#include <QFileDevice>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace polymon::cli {

namespace {

int fail(const QString &message)
{
    std::fprintf(stderr, "polymon-cli: %s\n", message.toUtf8().constData());
    return 1;
}

// The key file: 64 hex digits (0x optional), nothing else but whitespace.
bool readKey(const QString &path, EthKey &key, QString &error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        error = QStringLiteral("cannot read the key file %1: %2").arg(path, f.errorString());
        return false;
    }
    if (f.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther))
        std::fprintf(stderr, "polymon-cli: warning: %s can be read by other users (chmod 600 it)\n", path.toUtf8().constData());
    QByteArray text = f.read(4096);
    const bool ok = EthKey::fromHex(QString::fromLatin1(text), key, error);
    text.fill('\0');
    if (!ok)
        error = QStringLiteral("the key file %1: %2").arg(path, error);
    return ok;
}

int sign(const CliArgs &parser)
{
    if (!parser.has("--key-file") || !parser.has("--order"))
        return usage("clob sign needs --key-file FILE and --order ORDER.json");
    QFile orderFile(QString::fromStdString(parser.value("--order")));
    if (!orderFile.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read %1: %2").arg(orderFile.fileName(), orderFile.errorString()));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(orderFile.readAll(), &parseError);
    if (!doc.isObject())
        return fail(QStringLiteral("%1 is not a JSON object: %2").arg(orderFile.fileName(), parseError.errorString()));
    const QJsonObject root = doc.object();
    const QJsonObject d = root.value(QStringLiteral("domain")).toObject();
    if (d.isEmpty() || !root.value(QStringLiteral("order")).isObject())
        return fail(QStringLiteral("%1 needs a \"domain\" and an \"order\" object").arg(orderFile.fileName()));
    const Eip712Domain domain{d.value(QStringLiteral("name")).toString(QStringLiteral("Polymarket CTF Exchange")),
                              d.value(QStringLiteral("version")).toString(QStringLiteral("2")),
                              quint64(d.value(QStringLiteral("chainId")).toInteger(137)),
                              d.value(QStringLiteral("verifyingContract")).toString()};
    if (domain.verifyingContract.isEmpty())
        return fail(QStringLiteral("the domain needs its verifyingContract (the exchange: standard or neg-risk)"));
    QString versionText = root.value(QStringLiteral("version")).toVariant().toString();
    const int version = versionText.isEmpty() ? domain.version.toInt() : versionText.remove(QLatin1Char('v')).toInt();
    if (version != 1 && version != 2)
        return fail(QStringLiteral("unknown order version %1 (1 or 2)").arg(versionText));
    ClobOrder order;
    QString error;
    if (!ClobOrder::fromJson(root.value(QStringLiteral("order")).toObject(), version, order, error))
        return fail(error);
    EthKey key;
    if (!readKey(QString::fromStdString(parser.value("--key-file")), key, error))
        return fail(error);
    SignedOrder signedOrder;
    if (!OrderSigner::sign(domain, order, key, signedOrder, error))
        return fail(error);
    QJsonObject out;
    out.insert(QStringLiteral("digest"), QStringLiteral("0x") + QString::fromLatin1(signedOrder.orderHash.toHex()));
    out.insert(QStringLiteral("signature"), QStringLiteral("0x") + QString::fromLatin1(signedOrder.signature.toHex()));
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return 0;
}

} // namespace

int clobCommand(const std::vector<std::string> &args)
{
    if (args.empty())
        return usage("clob needs a subcommand: sign");
    const std::string sub = args.front();
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (sub != "sign")
        return usage(("unknown clob subcommand: " + sub).c_str());
    CliArgs parser({{"--key-file", true}, {"--order", true}}, 0);
    if (!parse(parser, rest))
        return 2;
    return sign(parser);
}

} // namespace polymon::cli
