;;; dbls.el --- dbls for Emacs through eglot  -*- lexical-binding: t; -*-

;; Works on Emacs 28 with the eglot package (Debian: apt install elpa-eglot;
;; else M-x package-install RET eglot) and on Emacs 29+, where eglot is
;; built in.  Load it with `emacs -q -l dbls.el' or from your init file:
;;
;;   (load "/path/to/dbls/editors/emacs/dbls.el")
;;
;; Settings use the keys of .dbls.toml, e.g.:
;;   (setq-default eglot-workspace-configuration '(:default_connection "dev"))
;;
;; Commands (also on the `C-c C-d' prefix in SQL buffers, see `dbls-mode-map'):
;;   dbls-run-statement   C-c C-d r   the statement at point, or the region
;;   dbls-run-file        C-c C-d f   the whole buffer
;;   dbls-next-page       C-c C-d n   the next page of the last result
;;   dbls-export          C-c C-d e   every row of the last result to a file
;;   dbls-cancel          C-c C-d k   cancel what this buffer started
;;   dbls-switch-connection C-c C-d s bind this buffer to a connection
;;   dbls-compare         C-c C-d c   compare a schema with a connection
;;   dbls-refresh-schema  C-c C-d g   read the schema again
;; Results show in the *dbls results* buffer (n, e, k work there too);
;; a compare lists its items in *dbls compare*, where `t' marks or unmarks
;; an item and `a' applies the marked ones.  The server's code actions
;; (M-x eglot-code-actions: Run statement, Explain, Compare with…, Apply)
;; render their replies in the same buffers.

;;; Code:

(require 'cl-lib)
(require 'subr-x)
(require 'sql)
(unless (require 'eglot nil t)
  ;; Emacs 28 with eglot installed by package.el but packages not yet
  ;; activated (emacs -q).
  (when (fboundp 'package-activate-all)
    (package-activate-all))
  (require 'eglot))
(require 'jsonrpc)

(defgroup dbls nil "The dbls database language server." :group 'tools)

(defcustom dbls-program '("dbls" "serve")
  "The command that starts the dbls language server."
  :type '(repeat string))

(defcustom dbls-page-size 100
  "Rows per page of a result."
  :type 'integer)

(add-to-list 'eglot-server-programs
             `((sql-mode sql-interactive-mode) . ,(lambda (&rest _) dbls-program)))

(add-hook 'sql-mode-hook #'eglot-ensure)

;;;; Talking to the server

(defvar-local dbls--server nil
  "The eglot server a results or compare buffer belongs to.")
(defvar-local dbls--origin nil
  "The URI of the document a results or compare buffer comes from.")
(defvar dbls--last-query nil "The queryId of the last result, for paging and export.")
(defvar dbls--last-server nil "The server that answered the last result.")

(defun dbls--server ()
  "The dbls server of this buffer: its own, or the one it shows results of."
  (or dbls--server
      (eglot-current-server)
      dbls--last-server
      (user-error "dbls: no server for this buffer (is eglot on? M-x eglot)")))

(defun dbls--uri ()
  "The URI of this buffer as the server knows it."
  (if dbls--origin dbls--origin
    (plist-get (eglot--TextDocumentIdentifier) :uri)))

(defun dbls--request (server command args &optional then)
  "Send COMMAND with ARGS (a plist) to SERVER.
Render the reply, or call THEN with it.  A refused WHERE-less
UPDATE or DELETE is sent again with force once the user confirms."
  (jsonrpc-async-request
   server :workspace/executeCommand
   `(:command ,command :arguments ,(vector args))
   :success-fn (lambda (reply)
                 (if then (funcall then reply)
                   (dbls--render server command args reply)))
   :error-fn (lambda (err)
               (let ((msg (plist-get err :message))
                     (reason (plist-get (plist-get err :data) :reason)))
                 (if (and (equal reason "unbounded")
                          (y-or-n-p (format "%s\nRun anyway? " msg)))
                     (dbls--request server command (plist-put (copy-sequence args) :force t) then)
                   (message "%s" msg))))
   :timeout-fn (lambda () (message "dbls: %s timed out" command))
   :timeout 600))

(defun dbls--sync (server command args)
  "Send COMMAND with ARGS to SERVER and return the reply."
  (jsonrpc-request server :workspace/executeCommand
                   `(:command ,command :arguments ,(vector args))))

;; Code actions run their commands here: dbls's replies are shown, not dropped.
(cl-defmethod eglot-execute-command :around (server command arguments)
  (let ((name (format "%s" command)))
    (if (and (string-prefix-p "dbls." name) (> (length arguments) 0))
        (dbls--request server name (aref arguments 0))
      (cl-call-next-method))))

;; Newer eglot (1.15+) runs code actions through `eglot-execute'.
(when (fboundp 'eglot-execute)
  (cl-defmethod eglot-execute :around (server action)
    (let ((cmd (plist-get action :command)))
      (if (and (stringp cmd) (string-prefix-p "dbls." cmd)
               (> (length (plist-get action :arguments)) 0))
          (dbls--request server cmd (aref (plist-get action :arguments) 0))
        (cl-call-next-method)))))

(defun dbls--render (server command args reply)
  "Show REPLY of COMMAND (sent with ARGS to SERVER) to the user."
  (cond
   ((plist-member reply :columns) (dbls--show-result server reply))
   ((plist-member reply :items)
    (if (plist-member reply :applied)
        (dbls--show-applied server args reply)
      (dbls--show-compare server args reply)))
   ((plist-get reply :path) (message "dbls: wrote %s" (plist-get reply :path)))
   ((plist-member reply :cancelled)
    (message "dbls: cancelled %d statement(s)" (length (plist-get reply :cancelled))))
   (t (message "dbls: %s done" command))))

;;;; Results

(defun dbls--cell (v)
  "The text of one JSON value V of a result row."
  (cond ((null v) "NULL")
        ((eq v :json-false) "false")
        ((eq v t) "true")
        ((stringp v) v)
        ((numberp v) (number-to-string v))
        (t (format "%S" v))))

(defun dbls--table (names rows)
  "NAMES and ROWS (lists of strings) as an aligned text table."
  (let ((widths (mapcar #'string-width names)))
    (dolist (r rows)
      (setq widths (cl-mapcar (lambda (w c) (max w (string-width c))) widths r)))
    (cl-flet ((line (cells)
                (concat (string-join (cl-mapcar (lambda (c w) (concat c (make-string (- w (string-width c)) ?\s)))
                                                cells widths)
                                     " | ")
                        "\n")))
      (concat (line names)
              (string-join (mapcar (lambda (w) (make-string w ?-)) widths) "-+-") "\n"
              (mapconcat #'line rows "")))))

(defvar dbls-results-mode-map
  (let ((m (make-sparse-keymap)))
    (define-key m "n" #'dbls-next-page)
    (define-key m "e" #'dbls-export)
    (define-key m "k" #'dbls-cancel)
    m))

(define-derived-mode dbls-results-mode special-mode "dbls-results"
  "The rows of a dbls query.  n: next page, e: export, k: cancel."
  (setq truncate-lines t))

(defun dbls--show-result (server reply)
  "Render the query REPLY from SERVER in *dbls results*."
  (let ((buf (get-buffer-create "*dbls results*"))
        (origin (and (eglot-managed-p) (dbls--uri)))
        (cols (mapcar (lambda (c) (plist-get c :name)) (plist-get reply :columns)))
        (rows (mapcar (lambda (r) (mapcar #'dbls--cell r)) (plist-get reply :rows)))
        (qid (plist-get reply :queryId)))
    (setq dbls--last-query qid dbls--last-server server)
    (with-current-buffer buf
      (let ((inhibit-read-only t))
        (dbls-results-mode)
        (erase-buffer)
        (insert (format "%s on %s\n" (or (plist-get reply :statement) "result")
                        (or (plist-get reply :connection) "?")))
        (if (and (null cols) (plist-get reply :affected))
            (insert (format "%d row%s affected\n" (plist-get reply :affected)
                            (if (eql (plist-get reply :affected) 1) "" "s")))
          (insert (format "%d row%s, page %s, %s ms\n\n" (length rows) (if (= (length rows) 1) "" "s")
                          (plist-get reply :page) (plist-get reply :elapsedMs)))
          (insert (dbls--table cols rows)))
        (when (eq (plist-get reply :hasMore) t)
          (insert "\nMore rows: n for the next page.\n"))
        (goto-char (point-min)))
      (setq dbls--server server
            dbls--origin (or origin dbls--origin)))
    (display-buffer buf '(nil (inhibit-same-window . t)))))

(defun dbls--range-args ()
  "The document and range to run: the region, else the statement at point."
  (let* ((beg (if (use-region-p) (region-beginning) (point)))
         (end (if (use-region-p) (region-end) (point))))
    (list :uri (dbls--uri)
          :range (list :start (eglot--pos-to-lsp-position beg)
                       :end (eglot--pos-to-lsp-position end))
          :limit dbls-page-size)))

(defun dbls-run-statement ()
  "Run the statement at point, or the region, and show its rows."
  (interactive)
  (dbls--request (dbls--server) "dbls.executeQuery" (dbls--range-args)))

(defun dbls-explain ()
  "Show the plan of the statement at point."
  (interactive)
  (dbls--request (dbls--server) "dbls.executeQuery" (plist-put (dbls--range-args) :explain t)))

(defun dbls-run-file ()
  "Run every statement of the buffer."
  (interactive)
  (dbls--request (dbls--server) "dbls.executeQuery"
                 (list :uri (dbls--uri)
                       :range (list :start (eglot--pos-to-lsp-position (point-min))
                                    :end (eglot--pos-to-lsp-position (point-max)))
                       :limit dbls-page-size)))

(defun dbls--need-query ()
  (or dbls--last-query (user-error "dbls: nothing has run yet")))

(defun dbls-next-page ()
  "Show the next page of the last result."
  (interactive)
  (dbls--request (dbls--server) "dbls.nextPage" (list :queryId (dbls--need-query))))

(defun dbls-export (format file)
  "Write every row of the last result in FORMAT (csv, json, markdown) to FILE."
  (interactive (list (completing-read "Format: " '("csv" "json" "markdown") nil t nil nil "csv")
                     (read-file-name "Export to (empty: the results directory): " nil "")))
  (dbls--request (dbls--server) "dbls.exportResults"
                 `(:queryId ,(dbls--need-query) :format ,format :all t
                            ,@(unless (string-empty-p file) (list :path (expand-file-name file))))))

(defun dbls-cancel ()
  "Cancel the statements this buffer started (from results: the last query)."
  (interactive)
  (dbls--request (dbls--server) "dbls.cancelQuery"
                 (if (derived-mode-p 'dbls-results-mode)
                     (list :queryId (dbls--need-query))
                   (list :uri (dbls--uri)))))

(defun dbls-refresh-schema ()
  "Read the schema of this buffer's connection again."
  (interactive)
  (dbls--request (dbls--server) "dbls.refreshSchema" (list :uri (dbls--uri))
                 (lambda (_) (message "dbls: schema refreshed"))))

(defun dbls--connection-names (server)
  (mapcar (lambda (c) (plist-get c :name))
          (plist-get (dbls--sync server "dbls.listConnections" nil) :connections)))

(defun dbls-switch-connection (connection)
  "Bind this buffer to CONNECTION (a configured or saved name, or a URL)."
  (interactive (list (completing-read "Connection: " (dbls--connection-names (dbls--server)))))
  (dbls--request (dbls--server) "dbls.switchConnection" (list :uri (dbls--uri) :connection connection)
                 (lambda (_) (message "dbls: this buffer now uses %s" connection))))

;;;; Compare and apply

(defvar-local dbls--compare-args nil "The arguments of the compare shown.")
(defvar-local dbls--items nil "The items of the plan shown: plists with :selected.")

(defvar dbls-compare-mode-map
  (let ((m (make-sparse-keymap)))
    (define-key m "t" #'dbls-toggle-item)
    (define-key m " " #'dbls-toggle-item)
    (define-key m "a" #'dbls-apply-selected)
    m))

(define-derived-mode dbls-compare-mode special-mode "dbls-compare"
  "The items of a dbls compare.  t: mark or unmark, a: apply the marked items.")

(defun dbls-compare (source target)
  "Compare SOURCE (a connection, a .sql schema file or a .json snapshot;
empty: this buffer) with TARGET (a connection; empty: this buffer's)."
  (interactive
   (let ((server (dbls--server)))
     (list (completing-read "Source (empty: this buffer): " (dbls--connection-names server))
           (completing-read "Target (empty: this buffer's connection): " (dbls--connection-names server)))))
  (dbls--request (dbls--server) "dbls.compareSchemas"
                 `(:uri ,(dbls--uri)
                        ,@(unless (string-empty-p source)
                            (list :source (if (file-exists-p source) (expand-file-name source) source)))
                        ,@(unless (string-empty-p target) (list :target target)))))

(defun dbls--show-compare (server args reply)
  "Render the compare REPLY (of ARGS, from SERVER) in *dbls compare*."
  (let ((buf (get-buffer-create "*dbls compare*"))
        (origin (and (eglot-managed-p) (dbls--uri))))
    (with-current-buffer buf
      (dbls-compare-mode)
      (setq dbls--server server
            dbls--origin (or origin dbls--origin)
            dbls--compare-args (cl-loop for (k v) on args by #'cddr
                                        unless (memq k '(:items :preview :force)) append (list k v))
            dbls--items (mapcar #'copy-sequence (plist-get reply :items)))
      (dbls--draw-compare (format "make %s match %s" (plist-get reply :target) (plist-get reply :source))
                          (plist-get reply :notes)))
    (display-buffer buf '(nil (inhibit-same-window . t)))))

(defun dbls--draw-compare (title notes)
  (let ((inhibit-read-only t))
    (erase-buffer)
    (insert (or title "") "\n")
    (if (null dbls--items)
        (insert "No differences.\n")
      (insert "t: mark or unmark, a: apply the marked items\n\n")
      (dolist (it dbls--items)
        (let ((start (point)))
          (insert (format "[%s] %s%s\n" (if (eq (plist-get it :selected) t) "x" " ")
                          (plist-get it :label)
                          (cond ((plist-get it :error) (concat " — " (plist-get it :error)))
                                ((eq (plist-get it :destructive) t) " — destructive")
                                (t ""))))
          (put-text-property start (point) 'dbls-item (plist-get it :id))
          (dolist (sql (append (plist-get it :sql) nil))
            (insert "    " (replace-regexp-in-string "\n" "\n    " sql) ";\n")))))
    (dolist (n (append notes nil)) (insert (format "note: %s\n" n)))
    (goto-char (point-min))))

(defun dbls-toggle-item ()
  "Mark or unmark the item on this line."
  (interactive)
  (let ((id (get-text-property (line-beginning-position) 'dbls-item))
        (line (line-number-at-pos)))
    (unless id (user-error "dbls: no item on this line"))
    (let ((it (cl-find id dbls--items :key (lambda (i) (plist-get i :id)) :test #'equal)))
      (plist-put it :selected (if (eq (plist-get it :selected) t) :json-false t)))
    (dbls--draw-compare (buffer-substring (point-min) (save-excursion (goto-char (point-min)) (line-end-position))) nil)
    (goto-char (point-min))
    (forward-line (1- line))))

(defun dbls-apply-selected ()
  "Apply the marked items of this compare to its target."
  (interactive)
  (let ((ids (cl-loop for item in dbls--items
                      when (eq (plist-get item :selected) t) collect (plist-get item :id))))
    (unless ids (user-error "dbls: no item is marked"))
    (when (or (not (called-interactively-p 'any))
              (y-or-n-p (format "Apply %d item(s)? " (length ids))))
      (dbls--request dbls--server "dbls.syncSchemas"
                     (append dbls--compare-args (list :items (vconcat ids)))))))

(defun dbls--show-applied (server args reply)
  "After an apply: say what ran and list what remains."
  (message "dbls: applied %s statement(s)%s" (plist-get reply :applied)
           (if (eq (plist-get reply :converged) t) "; no difference remains" ""))
  (dbls--show-compare server args (list :items (plist-get reply :remaining)
                                        :notes (plist-get reply :notes)
                                        :target (plist-get reply :target)
                                        :source (plist-get args :source))))

;;;; Keys

(defvar dbls-mode-map
  (let ((m (make-sparse-keymap)))
    (define-key m (kbd "C-c C-d r") #'dbls-run-statement)
    (define-key m (kbd "C-c C-d x") #'dbls-explain)
    (define-key m (kbd "C-c C-d f") #'dbls-run-file)
    (define-key m (kbd "C-c C-d n") #'dbls-next-page)
    (define-key m (kbd "C-c C-d e") #'dbls-export)
    (define-key m (kbd "C-c C-d k") #'dbls-cancel)
    (define-key m (kbd "C-c C-d s") #'dbls-switch-connection)
    (define-key m (kbd "C-c C-d c") #'dbls-compare)
    (define-key m (kbd "C-c C-d g") #'dbls-refresh-schema)
    m))

(define-minor-mode dbls-mode
  "Keys for dbls commands in SQL buffers."
  :keymap dbls-mode-map)

(add-hook 'sql-mode-hook #'dbls-mode)

(provide 'dbls)
;;; dbls.el ends here
