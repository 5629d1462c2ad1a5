;;; probe.el --- drives dbls.el in batch Emacs for emacs_test.go  -*- lexical-binding: t; -*-
;; The test sets dbls-probe-* (files, URLs) and loads this after dbls.el; it
;; works as a user would (opens files, runs the interactive commands,
;; answers the prompt) and writes what it saw to dbls-probe-out, one
;; "key=value" line each.

(defvar dbls-probe-out)
(defvar dbls-probe-doc)
(defvar dbls-probe-pg-doc)
(defvar dbls-probe-v2)
(defvar dbls-probe-pg-url)
(defvar dbls-probe-export)
(defvar dbls-probe-project)
(defvar dbls-probe-lines nil)
(defvar dbls-probe-prompts nil)

(defun dbls-probe-say (key value)
  (push (format "%s=%s" key (replace-regexp-in-string "\n" " ⏎ " (format "%s" value))) dbls-probe-lines))

(defun dbls-probe-wait (pred &optional secs)
  "Let the server answer until PRED holds, at most SECS seconds."
  (let ((deadline (+ (float-time) (or secs 30))))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (accept-process-output nil 0.1))
    (funcall pred)))

(defun dbls-probe-buffer-has (name text)
  (lambda () (and (get-buffer name)
                  (with-current-buffer name (string-search text (buffer-string))))))

(defun dbls-probe-text (name)
  (if (get-buffer name) (with-current-buffer name (buffer-string)) ""))

(defun dbls-probe-open (file)
  "Visit FILE as a user would; eglot starts on the first command."
  (find-file file)
  (run-hooks 'post-command-hook)
  (dbls-probe-wait (lambda () (eglot-managed-p)))
  (dbls-probe-say "managed" (eglot-managed-p)))

(defun dbls-probe-goto (line col)
  (goto-char (point-min)) (forward-line (1- line)) (forward-char col))

(defun dbls-probe-completions (line col want)
  "The labels completion offers at LINE:COL, once WANT is among them."
  (let (labels)
    (dbls-probe-wait
     (lambda ()
       (dbls-probe-goto line col)
       (let ((capf (eglot-completion-at-point)))
         (setq labels (and capf (all-completions "" (nth 2 capf)))))
       (member want labels))
     40)
    labels))

(defun dbls-probe-run (line col name text)
  "Run the statement at LINE:COL, wait for TEXT in buffer NAME."
  (when (get-buffer name) (with-current-buffer name (let ((inhibit-read-only t)) (erase-buffer))))
  (dbls-probe-goto line col)
  (dbls-run-statement)
  (dbls-probe-wait (dbls-probe-buffer-has name text)))

;; A y-or-n-p prompt, answered yes as the user would.
(advice-add 'y-or-n-p :override
            (lambda (prompt) (push prompt dbls-probe-prompts) t))

(condition-case err
    (progn
      ;; SQLite: completion, a run, paging and export from the results
      ;; buffer, a confirmed WHERE-less DELETE, a code action, a compare
      ;; and its apply.
      (dbls-probe-open dbls-probe-doc)
      (dbls-probe-say "completion" (string-join (dbls-probe-completions 2 7 "customer_id") ","))
      (dbls-probe-run 4 3 "*dbls results*" "n_orders")
      (dbls-probe-say "result" (dbls-probe-text "*dbls results*"))
      (setq dbls-page-size 2)
      (dbls-probe-run 6 3 "*dbls results*" "page 1")
      (dbls-probe-say "page1" (dbls-probe-text "*dbls results*"))
      (with-current-buffer "*dbls results*"
        (dbls-next-page)
        (dbls-probe-wait (dbls-probe-buffer-has "*dbls results*" "page 2"))
        (dbls-probe-say "page2" (dbls-probe-text "*dbls results*"))
        (dbls-export "csv" dbls-probe-export)
        (dbls-probe-wait (lambda () (file-exists-p dbls-probe-export)))
        (dbls-cancel)
        (dbls-probe-say "export" (and (file-exists-p dbls-probe-export)
                                      (with-temp-buffer (insert-file-contents dbls-probe-export) (buffer-string)))))
      (with-current-buffer (get-file-buffer dbls-probe-doc)
        (setq dbls-page-size 100)
        (dbls-probe-run 7 3 "*dbls results*" "affected")
        (dbls-probe-say "prompt" (string-join dbls-probe-prompts " | "))
        (dbls-probe-say "delete" (dbls-probe-text "*dbls results*"))
        (dbls-probe-run 8 3 "*dbls results*" "reviews_left")
        (dbls-probe-say "after-delete" (dbls-probe-text "*dbls results*"))
        ;; A code action, chosen from eglot's menu.
        (with-current-buffer "*dbls results*" (let ((inhibit-read-only t)) (erase-buffer)))
        (dbls-probe-goto 4 3)
        ;; As from the keyboard (a list would mean a mouse menu).
        (cl-letf ((last-nonmenu-event ?\r)
                  ((symbol-function 'completing-read)
                   (lambda (_prompt coll &rest _)
                     (cl-find-if (lambda (k) (string-search "Run statement" k))
                                 (mapcar (lambda (c) (if (consp c) (car c) c)) coll)))))
          (call-interactively #'eglot-code-actions))
        (dbls-probe-wait (dbls-probe-buffer-has "*dbls results*" "n_orders"))
        (dbls-probe-say "action" (dbls-probe-text "*dbls results*"))
        (dbls-compare dbls-probe-v2 "")
        (dbls-probe-wait (dbls-probe-buffer-has "*dbls compare*" "coupons"))
        (dbls-probe-say "compare" (dbls-probe-text "*dbls compare*")))
      (with-current-buffer "*dbls compare*"
        (dbls-apply-selected)
        (dbls-probe-wait (dbls-probe-buffer-has "*dbls compare*" "No differences") 60)
        (dbls-probe-say "applied" (dbls-probe-text "*dbls compare*")))
      ;; PostgreSQL, a connection added to .dbls.toml mid-session (edited
      ;; and saved here, as a user would): completion from its schema and a
      ;; run, in a buffer switched to it by name.
      (find-file dbls-probe-project)
      (goto-char (point-max))
      (insert "[connections.pg]\nurl = " (prin1-to-string dbls-probe-pg-url) "\n")
      (save-buffer)
      (dbls-probe-open dbls-probe-pg-doc)
      ;; Until the server has read the file, "pg" is an unknown name: the
      ;; switch is tried again, as a user would.
      (dbls-probe-say "pg-switch"
                      (dbls-probe-wait
                       (lambda ()
                         (condition-case nil
                             (progn (jsonrpc-request (dbls--server) :workspace/executeCommand
                                                     (list :command "dbls.switchConnection"
                                                           :arguments (vector (list :uri (dbls--uri) :connection "pg"))))
                                    t)
                           (error (accept-process-output nil 0.5) nil)))
                       40))
      (dbls-probe-say "pg-completion" (string-join (dbls-probe-completions 1 7 "sku") ","))
      (dbls-probe-run 2 3 "*dbls results*" "widget")
      (dbls-probe-say "pg-result" (dbls-probe-text "*dbls results*")))
  (error (dbls-probe-say "error" (error-message-string err))))

(let ((events (cl-find-if (lambda (b) (string-match-p "EGLOT.*events" (buffer-name b))) (buffer-list))))
  (when events
    (with-current-buffer events (write-region nil nil (concat dbls-probe-out ".events")))))
(with-temp-file dbls-probe-out
  (insert (string-join (reverse dbls-probe-lines) "\n") "\n"))
(kill-emacs 0)
