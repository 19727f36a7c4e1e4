// Filled in with the analytics storage (issue #5).
return 0;
