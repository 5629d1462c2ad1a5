package ddl

import (
	"errors"
	"fmt"
)

// What an Applier's error says about the target. An engine that rolled a
// failed plan back says so with ErrRolledBack; one that lost its connection
// after sending a statement or the COMMIT, before the server answered,
// returns an *UnknownOutcome: it cannot know whether those statements took
// effect, and must not claim either.

// ErrRolledBack is wrapped by an Applier's error when the engine rolled the
// whole plan back: nothing took effect and the target is unchanged. Only a
// transactional engine can say it (not MySQL or MariaDB, whose DDL commits
// statement by statement).
var ErrRolledBack = errors.New("the transaction was rolled back; the target is unchanged")

// ErrOutcomeUnknown is what an *UnknownOutcome is (errors.Is).
var ErrOutcomeUnknown = errors.New("outcome unknown")

// UnknownOutcome is an Applier's error when the connection was lost after
// statements (or their COMMIT) were sent and before the server answered.
// The applied count returned with it counts only the statements known to
// have taken effect; the InDoubt statements after them may or may not
// have. Callers re-read the target to learn what is there.
type UnknownOutcome struct {
	// InDoubt is how many statements, from the applied count on, may or
	// may not have taken effect (all of a transaction lost at COMMIT;
	// one on an engine that runs them one by one).
	InDoubt int
	// Sent names what was sent without an answer: "COMMIT" or
	// "statement 6 of 10".
	Sent string
	Err  error
}

func (e *UnknownOutcome) Error() string {
	return fmt.Sprintf("outcome unknown: the connection was lost after %s was sent, before the server answered, so whether %d statement(s) took effect is unknown: %v",
		e.Sent, e.InDoubt, e.Err)
}

func (e *UnknownOutcome) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrOutcomeUnknown) true.
func (e *UnknownOutcome) Is(target error) bool { return target == ErrOutcomeUnknown }
