// error_codes.h — the one vocabulary of Slotwise's error codes: every `Error::code` the engine, the CLI and the server
// produce is one of the constants below (codes::kInvalidQuery == "invalid_query"), never a string written inline.
//
// Each code has a kind — what kind of failure it is, in the manner of canonical status codes — and a one-line meaning.
// The kind decides the HTTP status (HttpStatusFor below, the only mapping from codes to statuses, used by the server's
// routes through backend/api/http_status.h and by every edge that renders a refusal) and whether the failure is the server's rather than the caller's (IsServerFault). docs/openapi.json lists
// the same codes (components.schemas.ErrorCode); a test walks the two against each other. Codes that only pass
// between the server's own parts (crypto, configuration, mail, webhooks) are here too, so that nothing else defines
// a code. Provider adapters have codes of their own (provider_unauthorized, provider_rejected, …) so that a
// provider's 401 or 404 is never mistaken for the caller's.
//
// Adding a code: add one SLOTWISE_ERROR_CODE line in the right section, document it in docs/openapi.json when it can
// reach a client, and use the constant.
#pragma once

#include <span>
#include <string_view>

namespace slotwise {

enum class ErrorKind {
  kMalformedRequest,     // the request cannot be read: not JSON, a malformed header or query parameter
  kUnauthenticated,      // no, unknown, expired or badly signed credentials
  kPermissionDenied,     // valid credentials that may not do this
  kNotFound,             // the named thing does not exist (for this caller)
  kConflict,             // the current state refuses it: a slot taken, a key in flight, an id in use
  kGone,                 // it existed and is over (a withdrawn or expired proposal)
  kTooLarge,             // a body or a list over its bound
  kHeadersTooLarge,      // the request line and headers over their bound
  kLengthRequired,       // a body-carrying request without a length
  kRequestTimeout,       // the request did not arrive within its deadline
  kNotImplemented,       // a protocol feature this server does not implement (a transfer coding)
  kUnsupportedMediaType, // the body is not application/json
  kInvalidArgument,      // a field of the request is wrong: its `field` says which
  kFailedDependency,     // a connection or configuration must be fixed by an administrator first
  kRateLimited,          // a provider throttled us; retry later
  kTooManyRequests,      // this caller (API key, tenant or address) is over its own rate limit; retry after Retry-After
  kInternal,             // a fault of this server (storage, a bug); retry may succeed
  kUpstream,             // a provider failed or answered what we cannot use
  kUnavailable,          // a part this request needs is not set up or not reachable now
};

// SLOTWISE_ERROR_CODE(constant, "wire code", kind, "meaning") — the list; expanded into constants and the table.
#define SLOTWISE_ERROR_CODES(SLOTWISE_ERROR_CODE)                                                                      \
  /* The engine (docs/ENGINE.md, Errors) */                                                                            \
  SLOTWISE_ERROR_CODE(kInvalidQuery, "invalid_query", kInvalidArgument,                                                \
                      "the availability query or document is malformed")                                               \
  SLOTWISE_ERROR_CODE(kInvalidJson, "invalid_json", kMalformedRequest, "the body is not JSON (or not a JSON object)")  \
  SLOTWISE_ERROR_CODE(kInvalidRequest, "invalid_request", kInvalidArgument, "a field of the request is wrong")         \
  SLOTWISE_ERROR_CODE(kUnknownParticipant, "unknown_participant", kInvalidArgument,                                    \
                      "a member or room the query names has no calendar (for this tenant)")                            \
  SLOTWISE_ERROR_CODE(kRoomRetired, "room_retired", kInvalidArgument,                                                  \
                      "the room is gone from the organisation's directory: kept for history, no longer offered")        \
  SLOTWISE_ERROR_CODE(kUnknownTimeZone, "unknown_time_zone", kInvalidArgument,                                         \
                      "not an IANA time zone this server knows")                                                       \
  SLOTWISE_ERROR_CODE(kInvalidTzif, "invalid_tzif", kInternal, "time-zone data that is not valid TZif")                \
  SLOTWISE_ERROR_CODE(kUnknownOperation, "unknown_operation", kNotFound, "the engine has no such operation")           \
  SLOTWISE_ERROR_CODE(kInvalidProviderData, "invalid_provider_data", kUpstream,                                        \
                      "provider free/busy that does not read as documented")                                           \
  SLOTWISE_ERROR_CODE(kUnsupportedRecurrence, "unsupported_recurrence", kUpstream,                                     \
                      "an iCalendar recurrence rule the engine does not expand")                                       \
  SLOTWISE_ERROR_CODE(kInternalError, "internal_error", kInternal, "a bug, caught at a boundary")                      \
  /* The HTTP edge */                                                                                                  \
  SLOTWISE_ERROR_CODE(kInvalidParameter, "invalid_parameter", kMalformedRequest,                                       \
                      "a query parameter or header is malformed (its name is the field)")                              \
  SLOTWISE_ERROR_CODE(kUnauthorized, "unauthorized", kUnauthenticated, "missing, unknown or expired credentials")      \
  SLOTWISE_ERROR_CODE(kForbidden, "forbidden", kPermissionDenied,                                                      \
                      "the credentials may not do this, or the origin is not allowed")                                 \
  SLOTWISE_ERROR_CODE(kNotFound, "not_found", kNotFound, "no such route or object")                                    \
  SLOTWISE_ERROR_CODE(kNotEnabled, "not_enabled", kNotFound, "the feature is not enabled on this server")              \
  SLOTWISE_ERROR_CODE(kUnsupportedMediaType, "unsupported_media_type", kUnsupportedMediaType,                          \
                      "send the body as Content-Type: application/json")                                               \
  SLOTWISE_ERROR_CODE(kPayloadTooLarge, "payload_too_large", kTooLarge, "the request body is over the server's limit") \
  SLOTWISE_ERROR_CODE(kHttpError, "http_error", kMalformedRequest, "the HTTP request could not be served")             \
  SLOTWISE_ERROR_CODE(kHeadersTooLarge, "headers_too_large", kHeadersTooLarge,                                         \
                      "the request line and headers are over the server's limit")                                      \
  SLOTWISE_ERROR_CODE(kLengthRequired, "length_required", kLengthRequired,                                             \
                      "a POST, PUT or PATCH needs Content-Length (or chunked transfer coding)")                        \
  SLOTWISE_ERROR_CODE(kRequestTimeout, "request_timeout", kRequestTimeout,                                             \
                      "the request's head or body did not arrive within the server's deadline")                        \
  SLOTWISE_ERROR_CODE(kUnsupportedTransferCoding, "unsupported_transfer_coding", kNotImplemented,                      \
                      "a transfer coding other than chunked")                                                          \
  SLOTWISE_ERROR_CODE(kServerBusy, "server_busy", kUnavailable,                                                        \
                      "too many connections from this address or too much buffered; retry after Retry-After")         \
  SLOTWISE_ERROR_CODE(kTooManyRequests, "too_many_requests", kTooManyRequests,                                         \
                      "this API key, tenant or address is over its rate limit; retry after Retry-After")               \
  SLOTWISE_ERROR_CODE(kIdempotencyKeyRequired, "idempotency_key_required", kMalformedRequest,                          \
                      "a booking needs an Idempotency-Key header of 1-255 visible ASCII characters")                   \
  SLOTWISE_ERROR_CODE(kIdempotencyKeyReused, "idempotency_key_reused", kInvalidArgument,                               \
                      "the Idempotency-Key was used before with another request")                                      \
  SLOTWISE_ERROR_CODE(kIdempotencyInFlight, "idempotency_in_flight", kConflict,                                        \
                      "a request with this Idempotency-Key is still running; retry shortly")                           \
  /* Tenants, directory and storage */                                                                                 \
  SLOTWISE_ERROR_CODE(kTenantExists, "tenant_exists", kConflict, "a tenant with this id exists")                       \
  SLOTWISE_ERROR_CODE(kUnknownTenant, "unknown_tenant", kNotFound, "no tenant with this id")                           \
  SLOTWISE_ERROR_CODE(kKeyExists, "key_exists", kConflict, "an API key with this id exists")                           \
  SLOTWISE_ERROR_CODE(kNotSupported, "not_supported", kInvalidArgument, "this server does not support the request")    \
  SLOTWISE_ERROR_CODE(kStorageError, "storage_error", kInternal, "the database failed")                                \
  SLOTWISE_ERROR_CODE(kStorageConflict, "storage_conflict", kConflict, "the id is taken, or a concurrent change won")  \
  /* Booking (docs/API_BACKEND.md) */                                                                                  \
  SLOTWISE_ERROR_CODE(kSlotTaken, "slot_taken", kConflict, "another Slotwise interview holds a resource then")         \
  SLOTWISE_ERROR_CODE(kSlotUnavailable, "slot_unavailable", kConflict,                                                 \
                      "the engine finds the time occupied (busy, buffer, load limit, …)")                              \
  SLOTWISE_ERROR_CODE(kBookingInvalid, "booking_invalid", kInvalidArgument, "the engine's rules refuse the booking")   \
  SLOTWISE_ERROR_CODE(kInterviewNotActive, "interview_not_active", kConflict, "the interview is cancelled or failed")  \
  SLOTWISE_ERROR_CODE(kNoExternalChange, "no_external_change", kConflict,                                              \
                      "nothing booked for the interview was changed outside Slotwise (or not in a way this resolves)")  \
  /* Proposals and messages */                                                                                         \
  SLOTWISE_ERROR_CODE(kNoneAvailable, "none_available", kConflict, "none of the proposed times is free")               \
  SLOTWISE_ERROR_CODE(kAlreadyPicked, "already_picked", kConflict, "the candidate already chose another time")         \
  SLOTWISE_ERROR_CODE(kProposalCancelled, "proposal_cancelled", kGone, "the recruiter withdrew the proposal")          \
  SLOTWISE_ERROR_CODE(kProposalExpired, "proposal_expired", kGone, "the proposal expired")                             \
  SLOTWISE_ERROR_CODE(kChangeNotAllowed, "change_not_allowed", kPermissionDenied,                                     \
                      "the tenant's policy does not let the candidate move or cancel the interview (now)")             \
  SLOTWISE_ERROR_CODE(kUnresolvedPlaceholders, "unresolved_placeholders", kInvalidArgument,                            \
                      "a message uses a variable no recipient can fill")                                               \
  SLOTWISE_ERROR_CODE(kUnknownTemplateVariable, "unknown_template_variable", kInvalidArgument,                         \
                      "a template names a variable that does not exist")                                               \
  SLOTWISE_ERROR_CODE(kInvalidTemplate, "invalid_template", kInvalidArgument, "a template's {{ }} do not pair up")     \
  SLOTWISE_ERROR_CODE(kInvalidTemplateValue, "invalid_template_value", kInvalidArgument,                               \
                      "a template value contains {{ or }}")                                                            \
  SLOTWISE_ERROR_CODE(kInvalidInvite, "invalid_invite", kInvalidArgument,                                              \
                      "the invitation cannot be built from these values")                                              \
  SLOTWISE_ERROR_CODE(kInvalidPayload, "invalid_payload", kInternal, "a queued outbox job is not readable")            \
  /* Connections and providers (docs/CONNECTIONS.md) */                                                                \
  SLOTWISE_ERROR_CODE(kReauthNeeded, "reauth_needed", kFailedDependency, "the connection must be connected again")     \
  SLOTWISE_ERROR_CODE(kConsentRequired, "consent_required", kFailedDependency,                                         \
                      "an administrator of the organisation must consent first")                                       \
  SLOTWISE_ERROR_CODE(kProviderNotConfigured, "provider_not_configured", kFailedDependency,                            \
                      "this server has no registration for the provider")                                              \
  SLOTWISE_ERROR_CODE(kSubjectRefused, "subject_refused", kFailedDependency,                                           \
                      "organisation access may not act for this person")                                               \
  SLOTWISE_ERROR_CODE(kDomainNotVerified, "domain_not_verified", kInvalidArgument,                                     \
                      "the address is outside the domains verified for this tenant")                                   \
  SLOTWISE_ERROR_CODE(kInvalidClient, "invalid_client", kFailedDependency,                                             \
                      "the provider refuses our client credentials")                                                   \
  SLOTWISE_ERROR_CODE(kUnknownProvider, "unknown_provider", kNotFound,                                                 \
                      "no such provider (google, microsoft, zoom, goto)")                                              \
  SLOTWISE_ERROR_CODE(kNotConnected, "not_connected", kFailedDependency,                                               \
                      "the person or host account has no connection")                                                  \
  SLOTWISE_ERROR_CODE(kNotConfigured, "not_configured", kUnavailable, "a setting this feature needs is missing")       \
  SLOTWISE_ERROR_CODE(kZoomAccountAlreadyLinked, "zoom_account_already_linked", kConflict,                             \
                      "the Zoom account is linked to another person")                                                  \
  SLOTWISE_ERROR_CODE(kAccessDenied, "access_denied", kPermissionDenied, "the person cancelled at the provider")       \
  SLOTWISE_ERROR_CODE(kInvalidCallback, "invalid_callback", kMalformedRequest,                                         \
                      "an OAuth callback without code or error")                                                       \
  SLOTWISE_ERROR_CODE(kNoSession, "no_session", kUnauthenticated, "connecting needs the browser session it began in")  \
  SLOTWISE_ERROR_CODE(kInvalidState, "invalid_state", kUnauthenticated, "an OAuth state this server did not issue")    \
  SLOTWISE_ERROR_CODE(kExpiredState, "expired_state", kUnauthenticated, "the OAuth state expired")                     \
  SLOTWISE_ERROR_CODE(kStateProviderMismatch, "state_provider_mismatch", kUnauthenticated,                             \
                      "the OAuth state belongs to another provider")                                                   \
  SLOTWISE_ERROR_CODE(kStateSessionMismatch, "state_session_mismatch", kUnauthenticated,                               \
                      "the OAuth state belongs to another browser session")                                            \
  SLOTWISE_ERROR_CODE(kProbeLeftBehind, "probe_left_behind", kUpstream, "a test event was created but not deleted")    \
  SLOTWISE_ERROR_CODE(kSubscribeFailed, "subscribe_failed", kUpstream, "a change subscription could not be made")      \
  SLOTWISE_ERROR_CODE(kCalendarUnavailable, "calendar_unavailable", kUpstream, "a calendar could not be read")         \
  SLOTWISE_ERROR_CODE(kProviderCalendarError, "provider_calendar_error", kUpstream,                                    \
                      "the provider reported an error for one calendar")                                               \
  SLOTWISE_ERROR_CODE(kProviderUnauthorized, "provider_unauthorized", kFailedDependency,                               \
                      "the provider refused the connection's token even after a refresh: connect again")               \
  SLOTWISE_ERROR_CODE(kProviderForbidden, "provider_forbidden", kFailedDependency,                                     \
                      "the provider refused: the account may not do this")                                             \
  SLOTWISE_ERROR_CODE(kProviderNotFound, "provider_not_found", kUpstream, "the provider has no such object (any more)") \
  SLOTWISE_ERROR_CODE(kProviderRejected, "provider_rejected", kUpstream, "the provider refused the request as invalid") \
  SLOTWISE_ERROR_CODE(kProviderError, "provider_error", kUpstream, "the provider refused or answered nonsense")        \
  SLOTWISE_ERROR_CODE(kProviderUnavailable, "provider_unavailable", kUpstream,                                         \
                      "the provider failed (5xx, network) after retries")                                              \
  SLOTWISE_ERROR_CODE(kRateLimited, "rate_limited", kRateLimited, "the provider throttled us")                         \
  SLOTWISE_ERROR_CODE(kConflict, "conflict", kConflict, "the provider's object changed meanwhile (409/412)")           \
  SLOTWISE_ERROR_CODE(kTooManyPages, "too_many_pages", kUpstream, "a provider list did not end within its bound")      \
  SLOTWISE_ERROR_CODE(kTimeout, "timeout", kUpstream, "a network call timed out")                                      \
  SLOTWISE_ERROR_CODE(kNetworkError, "network_error", kUpstream, "a network call failed")                              \
  SLOTWISE_ERROR_CODE(kInvalidUrl, "invalid_url", kInvalidArgument, "not a URL this client can call")                  \
  SLOTWISE_ERROR_CODE(kNoTimeout, "no_timeout", kInternal, "a network call was made without a timeout")                \
  /* Delivery of candidate messages */                                                                                 \
  SLOTWISE_ERROR_CODE(kDeliveryRefused, "delivery_refused", kUpstream, "the message cannot be delivered as built")     \
  SLOTWISE_ERROR_CODE(kDeliveryUnavailable, "delivery_unavailable", kUnavailable,                                      \
                      "the ATS webhook could not be reached")                                                          \
  SLOTWISE_ERROR_CODE(kSmtpUnavailable, "smtp_unavailable", kUnavailable, "the SMTP relay failed temporarily")         \
  SLOTWISE_ERROR_CODE(kSmtpRejected, "smtp_rejected", kUpstream, "the SMTP relay refused the message for good")        \
  SLOTWISE_ERROR_CODE(kSmtpAuthFailed, "smtp_auth_failed", kFailedDependency,                                          \
                      "the SMTP relay refused the configured username and password")                                   \
  SLOTWISE_ERROR_CODE(kSmtpTlsFailed, "smtp_tls_failed", kFailedDependency,                                            \
                      "the SMTP relay's certificate did not verify, or it offered no STARTTLS")                        \
  SLOTWISE_ERROR_CODE(kHeaderInjection, "header_injection", kInvalidArgument,                                          \
                      "a mail header field holds a line break")                                                        \
  SLOTWISE_ERROR_CODE(kInvalidMessage, "invalid_message", kInvalidArgument, "the e-mail message is incomplete")        \
  SLOTWISE_ERROR_CODE(kInvalidSettings, "invalid_settings", kInvalidArgument, "the SMTP settings are unusable")        \
  /* HR updates in Teams (docs/HR.md) */                                                                               \
  SLOTWISE_ERROR_CODE(kAttributeNotAllowed, "attribute_not_allowed", kPermissionDenied,                                \
                      "the HR credential may not write this attribute")                                                \
  SLOTWISE_ERROR_CODE(kUnknownUnit, "unknown_unit", kInvalidArgument, "no such organisational unit")                   \
  SLOTWISE_ERROR_CODE(kTeamsChannelNotFound, "teams_channel_not_found", kInvalidArgument,                              \
                      "Teams has no such team and channel (for this connection)")                                      \
  SLOTWISE_ERROR_CODE(kPrivateChannel, "private_channel", kInvalidArgument, "a private channel cannot be posted to")   \
  SLOTWISE_ERROR_CODE(kTooManyItems, "too_many_items", kTooLarge, "a list in the body is over its bound")              \
  SLOTWISE_ERROR_CODE(kNotApplicable, "not_applicable", kInvalidArgument,                                              \
                      "the operation does not apply to this target")                                                   \
  SLOTWISE_ERROR_CODE(kStaleRequest, "stale_request", kUnauthenticated, "a signed request more than 5 minutes old")    \
  SLOTWISE_ERROR_CODE(kUnknownRequester, "unknown_requester", kInvalidArgument, "no employee has this Teams user")     \
  SLOTWISE_ERROR_CODE(kUnknownSubstitute, "unknown_substitute", kInvalidArgument, "no employee is this substitute")    \
  SLOTWISE_ERROR_CODE(kAbsenceOverlap, "absence_overlap", kConflict, "the requester is already absent then")           \
  SLOTWISE_ERROR_CODE(kSubstituteAbsent, "substitute_absent", kConflict, "the substitute is absent then")              \
  SLOTWISE_ERROR_CODE(kNoWorkingDays, "no_working_days", kInvalidArgument, "the absence covers no working day")        \
  /* Provider change notifications and signed requests (webhooks/, auth/, hr/) */                                      \
  SLOTWISE_ERROR_CODE(kUnknownChannel, "unknown_channel", kNotFound, "a notification for a channel we did not create") \
  SLOTWISE_ERROR_CODE(kExpiredChannel, "expired_channel", kNotFound, "a notification for an expired channel")          \
  SLOTWISE_ERROR_CODE(kInvalidToken, "invalid_token", kUnauthenticated, "the channel token does not match")            \
  SLOTWISE_ERROR_CODE(kResourceMismatch, "resource_mismatch", kUnauthenticated,                                        \
                      "the notification's resource is not the channel's")                                              \
  SLOTWISE_ERROR_CODE(kInvalidNotification, "invalid_notification", kMalformedRequest,                                 \
                      "a notification we cannot read")                                                                 \
  SLOTWISE_ERROR_CODE(kInvalidClientState, "invalid_client_state", kUnauthenticated,                                   \
                      "the Graph clientState does not match")                                                          \
  SLOTWISE_ERROR_CODE(kInvalidValidationToken, "invalid_validation_token", kMalformedRequest,                          \
                      "a Graph validation token we cannot echo")                                                       \
  SLOTWISE_ERROR_CODE(kInvalidSubscription, "invalid_subscription", kInvalidArgument,                                  \
                      "a Graph subscription we cannot make")                                                           \
  SLOTWISE_ERROR_CODE(kInvalidChannel, "invalid_channel", kInvalidArgument, "a Google channel we cannot make")         \
  SLOTWISE_ERROR_CODE(kBodyTooLarge, "body_too_large", kTooLarge, "a notification body over its bound")                \
  SLOTWISE_ERROR_CODE(kMissingSecret, "missing_secret", kUnavailable, "no secret is configured to verify this with")   \
  SLOTWISE_ERROR_CODE(kMissingSignature, "missing_signature", kUnauthenticated, "the request is not signed")           \
  SLOTWISE_ERROR_CODE(kInvalidSignature, "invalid_signature", kUnauthenticated, "the signature does not verify")       \
  SLOTWISE_ERROR_CODE(kInvalidTimestamp, "invalid_timestamp", kUnauthenticated, "the signed timestamp is unreadable")  \
  SLOTWISE_ERROR_CODE(kStaleTimestamp, "stale_timestamp", kUnauthenticated, "the signed timestamp is too old")         \
  SLOTWISE_ERROR_CODE(kInvalidEvent, "invalid_event", kMalformedRequest, "a webhook event we cannot read")             \
  SLOTWISE_ERROR_CODE(kInvalidPlainToken, "invalid_plain_token", kMalformedRequest,                                    \
                      "a Zoom plainToken we cannot answer")                                                            \
  SLOTWISE_ERROR_CODE(kReplayed, "replayed", kConflict, "this signed delivery was already accepted")                   \
  /* The widget's page events (docs/EMBEDDING.md) */                                                                   \
  SLOTWISE_ERROR_CODE(kDocumentFailed, "document_failed", kUnavailable, "the widget could not load the solve document") \
  SLOTWISE_ERROR_CODE(kLoadFailed, "load_failed", kUnavailable, "the widget could not load the directory")             \
  /* Credentials: API keys, widget tokens, outbound signatures, sealed tokens, JWTs */                                 \
  SLOTWISE_ERROR_CODE(kInvalidApiKey, "invalid_api_key", kUnauthenticated, "not an API key")                           \
  SLOTWISE_ERROR_CODE(kMalformedToken, "malformed_token", kUnauthenticated, "not a widget token")                      \
  SLOTWISE_ERROR_CODE(kBadSignature, "bad_signature", kUnauthenticated, "the token's or body's signature is wrong")    \
  SLOTWISE_ERROR_CODE(kMalformedSignature, "malformed_signature", kUnauthenticated,                                    \
                      "a signature header we cannot read")                                                             \
  SLOTWISE_ERROR_CODE(kStaleSignature, "stale_signature", kUnauthenticated, "the signature's time is out of range")    \
  SLOTWISE_ERROR_CODE(kTokenExpired, "token_expired", kUnauthenticated, "the token expired")                           \
  SLOTWISE_ERROR_CODE(kTokenNotYetValid, "token_not_yet_valid", kUnauthenticated, "the token is not valid yet")        \
  SLOTWISE_ERROR_CODE(kUnknownKey, "unknown_key", kUnauthenticated, "signed or sealed with a key we do not have")      \
  SLOTWISE_ERROR_CODE(kInvalidClaims, "invalid_claims", kInvalidArgument, "token claims that cannot be issued")        \
  SLOTWISE_ERROR_CODE(kInvalidScope, "invalid_scope", kInvalidArgument, "an unknown scope")                            \
  SLOTWISE_ERROR_CODE(kInvalidLifetime, "invalid_lifetime", kInvalidArgument, "a token lifetime that is not positive") \
  SLOTWISE_ERROR_CODE(kLifetimeTooLong, "lifetime_too_long", kInvalidArgument, "a token lifetime over the maximum")    \
  SLOTWISE_ERROR_CODE(kInvalidKeySet, "invalid_key_set", kInvalidArgument, "widget signing keys that cannot be used")  \
  SLOTWISE_ERROR_CODE(kInvalidLabel, "invalid_label", kInvalidArgument, "a key id that cannot be used")                \
  SLOTWISE_ERROR_CODE(kInvalidMasterSecret, "invalid_master_secret", kInvalidArgument,                                 \
                      "a signing secret that is too short")                                                            \
  SLOTWISE_ERROR_CODE(kInvalidCidr, "invalid_cidr", kInvalidArgument, "not an address range")                          \
  SLOTWISE_ERROR_CODE(kInvalidKeyring, "invalid_keyring", kInvalidArgument, "token keys that cannot be used")          \
  SLOTWISE_ERROR_CODE(kKeyringUnreadable, "keyring_unreadable", kInternal, "the token key file cannot be read")        \
  SLOTWISE_ERROR_CODE(kNoTokenKeys, "no_token_keys", kUnavailable, "no token keys are configured")                     \
  SLOTWISE_ERROR_CODE(kInvalidKeyFile, "invalid_key_file", kInternal, "the demo token key file cannot be read")        \
  SLOTWISE_ERROR_CODE(kInvalidSealedValue, "invalid_sealed_value", kInternal, "a sealed value that does not open")     \
  SLOTWISE_ERROR_CODE(kDecryptFailed, "decrypt_failed", kInternal, "a sealed value failed authentication")             \
  SLOTWISE_ERROR_CODE(kInvalidJwt, "invalid_jwt", kUnauthenticated, "not a JWT we can verify")                         \
  SLOTWISE_ERROR_CODE(kInvalidKey, "invalid_key", kInvalidArgument, "a signing key that cannot be used")               \
  SLOTWISE_ERROR_CODE(kKeyGenerationFailed, "key_generation_failed", kInternal, "a key could not be generated")        \
  /* Configuration and start-up */                                                                                     \
  SLOTWISE_ERROR_CODE(kInvalidConfig, "invalid_config", kInvalidArgument, "the configuration file is wrong")           \
  SLOTWISE_ERROR_CODE(kInvalidEnvironment, "invalid_environment", kInvalidArgument, "a SLOTWISE_* variable is wrong")  \
  SLOTWISE_ERROR_CODE(kUnreadableSecretFile, "unreadable_secret_file", kInvalidArgument,                               \
                      "a *_file secret cannot be read")                                                                \
  SLOTWISE_ERROR_CODE(kBindFailed, "bind_failed", kUnavailable, "the server cannot listen on its address")             \
  SLOTWISE_ERROR_CODE(kSandboxError, "sandbox_error", kUpstream, "the provider sandbox refused a demo set-up step")    \
  SLOTWISE_ERROR_CODE(kApiUnreachable, "api_unreachable", kUpstream, "the demo ATS could not reach the Slotwise API")

namespace codes {
#define SLOTWISE_ERROR_CODE_CONSTANT(name, code, kind, meaning) inline constexpr char name[] = code;
SLOTWISE_ERROR_CODES(SLOTWISE_ERROR_CODE_CONSTANT)
#undef SLOTWISE_ERROR_CODE_CONSTANT
}  // namespace codes

struct ErrorCodeInfo {
  std::string_view code;
  ErrorKind kind;
  std::string_view meaning;
};

// Every code above, in the order listed.
std::span<const ErrorCodeInfo> AllErrorCodes();

// The kind of `code`; kInternal for a string that is not one of the codes (a bug: every code comes from this list).
ErrorKind KindOf(std::string_view code);

// True when the failure is not the caller's (kInternal, kUpstream, kUnavailable, kRateLimited): the same request may
// succeed later, so such an outcome is never remembered as an idempotent answer.
bool IsServerFault(ErrorKind kind);

// The HTTP status of a kind, a function of the kind alone —
//   kMalformedRequest 400, kUnauthenticated 401, kPermissionDenied 403, kNotFound 404, kRequestTimeout 408,
//   kConflict 409, kGone 410, kLengthRequired 411, kTooLarge 413, kUnsupportedMediaType 415, kHeadersTooLarge 431,
//   kInvalidArgument 422, kFailedDependency 424, kInternal 500, kNotImplemented 501, kUpstream 502,
//   kRateLimited 503 (a provider throttles us; our own rate limits are not this code), kUnavailable 503,
//   kTooManyRequests 429 (the caller is over Slotwise's own rate limit).
int HttpStatusFor(ErrorKind kind);
int HttpStatusFor(std::string_view code);  // HttpStatusFor(KindOf(code))

}  // namespace slotwise
