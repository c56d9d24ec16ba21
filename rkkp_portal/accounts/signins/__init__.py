"""The record of every sign-in (#17 point 3): what is written, who may read it, how long."""
