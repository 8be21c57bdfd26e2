// templates_data.h — the built-in e-mail texts, one file per language (templates_<tag>.cpp: en, de, ja, nl, fr, es,
// it, pt, zh, ko). Internal to slotwise_invites: use BuiltInTemplate (email_templates.h). Every language's template of
// a kind uses exactly the variables of the English one (tests/invites/email_templates_test.cpp checks it).
#pragma once

#include "invites/email_templates.h"

namespace slotwise::invites::detail {

// The built-in templates of one language, one per TemplateKind.
struct TemplateSet {
  EmailTemplate invitation;
  EmailTemplate update;
  EmailTemplate cancellation;
  EmailTemplate connect;
  EmailTemplate proposal;  // the candidate's proposal: the times to choose from and the link
};

const TemplateSet& EnglishTemplates();
const TemplateSet& GermanTemplates();
const TemplateSet& JapaneseTemplates();
const TemplateSet& DutchTemplates();
const TemplateSet& FrenchTemplates();
const TemplateSet& SpanishTemplates();
const TemplateSet& ItalianTemplates();
const TemplateSet& PortugueseTemplates();
const TemplateSet& ChineseTemplates();    // Simplified
const TemplateSet& KoreanTemplates();

}  // namespace slotwise::invites::detail
