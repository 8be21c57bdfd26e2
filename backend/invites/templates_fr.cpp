// templates_fr.cpp — the built-in e-mail texts in French, addressing the reader as "vous" (see email_templates.h for
// the variables).
#include "invites/templates_data.h"

namespace slotwise::invites::detail {

const TemplateSet& FrenchTemplates() {
  static const EmailTemplate kInvitation{
      "Invitation à un entretien : {{position}} chez {{company}}",
      "Bonjour {{candidate_name}},\n"
      "\n"
      "Nous vous remercions de votre candidature au poste de {{position}} chez {{company}} et avons le plaisir de vous "
      "inviter à un entretien.\n"
      "\n"
      "Date : {{date}}\n"
      "Horaire : {{start_time}}–{{end_time}} ({{time_zone}})\n"
      "Durée : {{duration}}\n"
      "Lieu : {{location}}\n"
      "Avec : {{interviewer_names}}\n"
      "\n"
      "Vous trouverez ci-joint une invitation pour votre agenda. Si cet horaire ne vous convient pas, merci de répondre "
      "à cet e-mail.\n"
      "\n"
      "Bien cordialement,\n"
      "{{organizer_name}}\n"
      "{{company}}\n"};
  static const EmailTemplate kUpdate{
      "Nouvel horaire pour votre entretien : {{position}} chez {{company}}",
      "Bonjour {{candidate_name}},\n"
      "\n"
      "Votre entretien pour le poste de {{position}} chez {{company}} a été déplacé à un nouvel horaire :\n"
      "\n"
      "Date : {{date}}\n"
      "Horaire : {{start_time}}–{{end_time}} ({{time_zone}})\n"
      "Durée : {{duration}}\n"
      "Lieu : {{location}}\n"
      "Avec : {{interviewer_names}}\n"
      "\n"
      "L’invitation ci-jointe remplace la précédente dans votre agenda. Si ce nouvel horaire ne vous convient pas, "
      "merci de répondre à cet e-mail.\n"
      "\n"
      "Bien cordialement,\n"
      "{{organizer_name}}\n"
      "{{company}}\n"};
  static const EmailTemplate kCancellation{
      "Annulation de votre entretien : {{position}} chez {{company}}",
      "Bonjour {{candidate_name}},\n"
      "\n"
      "Nous sommes au regret de devoir annuler votre entretien pour le poste de {{position}} chez {{company}}, prévu le "
      "{{date}} à {{start_time}} ({{time_zone}}). Le message ci-joint le retire de votre agenda.\n"
      "\n"
      "Nous reviendrons vers vous très prochainement.\n"
      "\n"
      "Bien cordialement,\n"
      "{{organizer_name}}\n"
      "{{company}}\n"};
  static const EmailTemplate kConnect{
      "Merci de connecter votre compte {{provider_name}} pour la planification des entretiens",
      "Chère collègue, cher collègue,\n"
      "\n"
      "Nous souhaitons activer une nouvelle fonctionnalité qui vous permettra de créer directement des liens de "
      "visioconférence lorsque vous planifiez des entretiens avec des candidats. Pour cela, merci de connecter votre "
      "compte {{provider_name}} à Slotwise en suivant ces étapes :\n"
      "\n"
      "1. Ouvrez {{connect_url}}\n"
      "2. Connectez-vous avec vos identifiants {{provider_name}} et autorisez l’accès.\n"
      "3. Vous revenez ensuite sur Slotwise, qui vérifie aussitôt la connexion.\n"
      "\n"
      "Merci de nous prévenir une fois que c’est fait.\n"
      "Bien cordialement,\n"
      "{{organizer_name}}\n"};
  static const EmailTemplate kProposal{
      "Choisissez un créneau pour votre entretien : {{position}} chez {{company}}",
      "Bonjour {{candidate_name}},\n"
      "\n"
      "nous vous remercions de votre candidature au poste de {{position}} chez {{company}}. Nous souhaitons vous "
      "inviter à un entretien de {{duration}} et vous proposons les créneaux suivants :\n"
      "\n"
      "{{proposed_times}}\n"
      "\n"
      "Veuillez choisir le créneau qui vous convient le mieux sur cette page :\n"
      "{{proposal_url}}\n"
      "\n"
      "Ce lien est valable jusqu’au {{expires_at}}. Si aucun créneau ne vous convient, vous pouvez proposer d’autres "
      "horaires sur la même page.\n"
      "\n"
      "Bien cordialement,\n"
      "{{organizer_name}}\n"
      "{{company}}\n"};
  static const TemplateSet kSet{kInvitation, kUpdate, kCancellation, kConnect, kProposal};
  return kSet;
}

}  // namespace slotwise::invites::detail
