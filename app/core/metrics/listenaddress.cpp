#include "listenaddress.h"

#include <QRegularExpression>

namespace taskdesk {

namespace {

Error badAddress(const QString &text, const QString &why)
{
    return Error::invalid(QStringLiteral("'%1' is not an address to listen on (%2): expected "
                                         "PORT, IPV4:PORT or [IPV6]:PORT, such as 9464, "
                                         "127.0.0.1:9464 or [::1]:9464")
                              .arg(text, why));
}

} // namespace

Result<ListenAddress> ListenAddress::parse(const QString &text)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return badAddress(text, QStringLiteral("it is empty"));
    QString host;
    QString port;
    if (t.startsWith(QLatin1Char('['))) {
        const qsizetype close = t.indexOf(QLatin1Char(']'));
        if (close < 0 || close + 1 >= t.size() || t.at(close + 1) != QLatin1Char(':'))
            return badAddress(text, QStringLiteral("an IPv6 address needs ]:PORT after it"));
        host = t.mid(1, close - 1);
        port = t.mid(close + 2);
        if (!host.contains(QLatin1Char(':')))
            return badAddress(text, QStringLiteral("brackets hold an IPv6 address"));
    } else if (t.count(QLatin1Char(':')) > 1) {
        return badAddress(text, QStringLiteral("an IPv6 address goes in brackets"));
    } else if (t.contains(QLatin1Char(':'))) {
        host = t.section(QLatin1Char(':'), 0, 0);
        port = t.section(QLatin1Char(':'), 1);
        if (host.isEmpty())
            return badAddress(text, QStringLiteral("the address before ':' is missing"));
    } else {
        port = t;
    }

    static const QRegularExpression digits(QStringLiteral("^[0-9]{1,5}$"));
    if (!digits.match(port).hasMatch() || port.toInt() > 65535)
        return badAddress(text, QStringLiteral("the port must be a number from 0 to 65535"));

    ListenAddress out;
    out.port = quint16(port.toUInt());
    if (host.isEmpty() || host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0) {
        out.address = QHostAddress(QHostAddress::LocalHost);
        return out;
    }
    // QHostAddress also takes "1", "0x7f.1" and such; only the usual forms here.
    static const QRegularExpression ipv4(QStringLiteral("^[0-9]{1,3}(\\.[0-9]{1,3}){3}$"));
    const bool v6 = host.contains(QLatin1Char(':'));
    if ((!v6 && !ipv4.match(host).hasMatch()) || !out.address.setAddress(host)
        || host.contains(QLatin1Char('%')))
        return badAddress(text, QStringLiteral("'%1' is not an IP address").arg(host));
    return out;
}

Error ListenAddress::check(const QString &text)
{
    if (text.trimmed().isEmpty())
        return {};
    return parse(text).error();
}

QString ListenAddress::display() const
{
    if (address.protocol() == QAbstractSocket::IPv6Protocol)
        return QStringLiteral("[%1]:%2").arg(address.toString()).arg(port);
    return QStringLiteral("%1:%2").arg(address.toString()).arg(port);
}

} // namespace taskdesk
