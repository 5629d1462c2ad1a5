;;; dbls.el --- dbls for Emacs through eglot  -*- lexical-binding: t; -*-

;; Load this file (or copy the form below into your init file). Settings use
;; the keys of .dbls.toml, e.g.:
;;   (setq-default eglot-workspace-configuration '(:default_connection "dev"))

;;; Code:

(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs '((sql-mode sql-interactive-mode) . ("dbls" "serve"))))

(add-hook 'sql-mode-hook #'eglot-ensure)

(provide 'dbls)
;;; dbls.el ends here
