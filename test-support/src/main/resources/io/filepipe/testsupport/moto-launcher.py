"""Runs moto's server, taking the same arguments as `python3 -m moto.server`, with two additions.

1. Repeated Step Functions executions. moto 5.2.1 deep-copies the state machine on every
   StartExecution, list of earlier executions included; those hold locks that cannot be copied, so
   every execution after the first fails with HTTP 500 (getmoto/moto#10077). The copy only has to
   freeze the definition for the new execution, so here it starts with no executions and shares the
   backend. When moto's class defines its own copy (a release with the fix), it is left alone.
2. --exit-on-stdin-eof: exit as soon as standard input closes. A JVM that starts this with a pipe on
   stdin then never leaves a moto process behind, even when it is killed rather than shut down.
"""
import copy
import os
import sys
import threading

from moto.stepfunctions.models import StateMachine


def _copy_without_executions(self, memo):
    clone = self.__class__.__new__(self.__class__)
    memo[id(self)] = clone
    for name, value in self.__dict__.items():
        if name == "executions":
            clone.__dict__[name] = []
        elif name == "backend":
            clone.__dict__[name] = value
        else:
            clone.__dict__[name] = copy.deepcopy(value, memo)
    return clone


def _exit_when_stdin_closes():
    sys.stdin.buffer.read()
    os._exit(0)


if "__deepcopy__" not in vars(StateMachine):
    StateMachine.__deepcopy__ = _copy_without_executions

if __name__ == "__main__":
    if "--exit-on-stdin-eof" in sys.argv:
        sys.argv.remove("--exit-on-stdin-eof")
        threading.Thread(target=_exit_when_stdin_closes, daemon=True).start()
    from moto.server import main

    main(sys.argv[1:])
