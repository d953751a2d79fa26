"""French analyses shared by the French rules."""
