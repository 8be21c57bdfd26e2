// webhook_delivery_routes.h — the tenant's delivery log of lifecycle webhooks (lifecycle/event_log.h), API key only:
//   GET  /v1/webhook_deliveries                   newest first; ?state=pending|delivered|dead|skipped,
//                                                 ?subject_id=<interview, proposal or connection id>, ?limit=1..100
//                                                 (50), ?cursor= the previous page's next_cursor (api/paging.h),
//                                                 or the older ?before=evt_<id> (the previous page's next_before)
//   POST /v1/webhook_deliveries/{id}/redeliver    puts evt_<id> back in the queue, due now (202 with the delivery)
// Contract: every read and write is scoped to the caller's tenant — another tenant's evt_<id> is 404 not_found, the
// same answer as an id that never existed. Errors: unauthorized/forbidden (api_auth.h), invalid_request (a query
// parameter, field named), not_found, storage_error. A delivery is DeliveryJson's object (docs/ATS_WEBHOOKS.md).
#pragma once

namespace httplib {
class Server;
}

namespace slotwise {

class ApiAuth;
namespace lifecycle {
class LifecycleDispatcher;
}

void RegisterWebhookDeliveryRoutes(httplib::Server& server, lifecycle::LifecycleDispatcher& dispatcher, ApiAuth& auth);

}  // namespace slotwise
