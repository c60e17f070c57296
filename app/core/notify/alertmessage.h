#pragma once

#include "core/alerts/alert.h"

#include <QString>

namespace taskdesk {

// The text of a chat message (Telegram, Slack) for one group of alerts: a
// headline, then one block per alert (firing ones first), cut to the
// receiver's limit with "… and N more" when the group is big. Every dynamic
// part (summary, description, label values) goes through the markup's
// escaping, so a task named "<script>" stays text.
class AlertMessage final
{
public:
    enum class Markup {
        TelegramHtml, // parse_mode HTML: &, <, > as entities; <b> for bold
        SlackMrkdwn, // mrkdwn: &, <, > as entities; *…* for bold
    };

    // Telegram's limit for sendMessage (counted here on the text with its
    // tags and entities, which is never less than what Telegram counts).
    static constexpr int kTelegramMaxChars = 4096;
    // Slack shows up to 4,000 characters of a message's text in full.
    static constexpr int kSlackMaxChars = 4000;
    // A single part's longest escaped length, so that one alert always fits.
    static constexpr int kMaxSummaryChars = 300;
    static constexpr int kMaxDescriptionChars = 1500;
    static constexpr int kMaxLabelsChars = 500;

    static QString text(const AlertGroup &group, Markup markup, int maxChars);

    // &, < and > as &amp;, &lt; and &gt; (both markups use these three).
    static QString escape(const QString &text);
    // `escaped` cut to at most maxChars, never inside an entity or a
    // surrogate pair, with "…" at the end when cut.
    static QString cutEscaped(const QString &escaped, int maxChars);
};

} // namespace taskdesk
