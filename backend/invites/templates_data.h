// templates_data.h — the built-in e-mail texts, one file per language (templates_en.cpp, templates_de.cpp,
// templates_ja.cpp, templates_nl.cpp). Internal to slotwise_invites: use BuiltInTemplate (email_templates.h).
#pragma once

#include "email_templates.h"

namespace slotwise::invites::detail {

const EmailTemplate& EnglishTemplate(TemplateKind kind);
const EmailTemplate& GermanTemplate(TemplateKind kind);
const EmailTemplate& JapaneseTemplate(TemplateKind kind);
const EmailTemplate& DutchTemplate(TemplateKind kind);

}  // namespace slotwise::invites::detail
