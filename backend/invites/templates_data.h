// templates_data.h — the built-in e-mail texts, one file per language (templates_en.cpp, templates_de.cpp,
// templates_ja.cpp, templates_nl.cpp). Internal to slotwise_invites: use BuiltInTemplate (email_templates.h).
#pragma once

#include "invites/email_templates.h"

namespace slotwise::invites::detail {

// The built-in templates of one language, one per TemplateKind.
struct TemplateSet {
  EmailTemplate invitation;
  EmailTemplate update;
  EmailTemplate cancellation;
  EmailTemplate connect;
};

const TemplateSet& EnglishTemplates();
const TemplateSet& GermanTemplates();
const TemplateSet& JapaneseTemplates();
const TemplateSet& DutchTemplates();

}  // namespace slotwise::invites::detail
