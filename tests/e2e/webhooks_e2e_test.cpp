// Webhook / change-notification end-to-end tests (being written).
