// Command notecheck checks OpenVerify's signed notes and checkpoints with Go's golang.org/x/mod/sumdb/note, an
// implementation of C2SP signed-note that OpenVerify did not write. It is built offline against Debian's
// golang-golang-x-mod-dev (GO111MODULE=off GOPATH=/usr/share/gocode) by tests/OpenVerify.Tests/Interop/GoNoteInteropTests.cs.
//
// Usage:
//
//	notecheck open <note file> [vkey...]  verify the note with the vkeys; print "OK <key name> <key id>" per verified
//	                                      signature, then the text
//	notecheck keyid <vkey>                print the key id Go computes for a vkey (8 hex digits)
//	notecheck sign <name> <text file> <vkey out> <note out>
//	                                      make a fresh Ed25519 key with note.GenerateKey, sign the text with note.Sign,
//	                                      write the vkey and the signed note
//
// Exit status 0 on success, 1 when a note does not verify (the error is printed), 2 on usage errors.
package main

import (
	"crypto/rand"
	"fmt"
	"os"

	"golang.org/x/mod/sumdb/note"
)

func main() {
	if len(os.Args) < 3 {
		usage()
	}
	switch os.Args[1] {
	case "open":
		open(os.Args[2], os.Args[3:])
	case "keyid":
		v, err := note.NewVerifier(os.Args[2])
		if err != nil {
			fail(2, "bad vkey: %v", err)
		}
		fmt.Printf("%08x\n", v.KeyHash())
	case "sign":
		if len(os.Args) != 6 {
			usage()
		}
		sign(os.Args[2], os.Args[3], os.Args[4], os.Args[5])
	default:
		usage()
	}
}

func open(path string, vkeys []string) {
	var verifiers []note.Verifier
	for _, vkey := range vkeys {
		v, err := note.NewVerifier(vkey)
		if err != nil {
			fail(2, "bad vkey %q: %v", vkey, err)
		}
		verifiers = append(verifiers, v)
	}
	msg, err := os.ReadFile(path)
	if err != nil {
		fail(2, "%v", err)
	}
	n, err := note.Open(msg, note.VerifierList(verifiers...))
	if err != nil {
		fail(1, "note.Open refused the note: %v", err)
	}
	for _, s := range n.Sigs {
		fmt.Printf("OK %s %08x\n", s.Name, s.Hash)
	}
	fmt.Print(n.Text)
}

func sign(name, textPath, vkeyPath, notePath string) {
	skey, vkey, err := note.GenerateKey(rand.Reader, name)
	if err != nil {
		fail(2, "GenerateKey: %v", err)
	}
	signer, err := note.NewSigner(skey)
	if err != nil {
		fail(2, "NewSigner: %v", err)
	}
	text, err := os.ReadFile(textPath)
	if err != nil {
		fail(2, "%v", err)
	}
	msg, err := note.Sign(&note.Note{Text: string(text)}, signer)
	if err != nil {
		fail(1, "note.Sign: %v", err)
	}
	if err := os.WriteFile(vkeyPath, []byte(vkey+"\n"), 0o600); err != nil {
		fail(2, "%v", err)
	}
	if err := os.WriteFile(notePath, msg, 0o600); err != nil {
		fail(2, "%v", err)
	}
}

func usage() {
	fail(2, "usage: notecheck open <note> [vkey...] | keyid <vkey> | sign <name> <text> <vkey out> <note out>")
}

func fail(code int, format string, args ...any) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(code)
}
