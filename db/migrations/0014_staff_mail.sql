ALTER TABLE `users` ADD `report_emails` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `queue_emails` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `comments` ADD `overdue_mailed_at` integer;--> statement-breakpoint
CREATE INDEX `comments_overdue_idx` ON `comments` (`created_at`) WHERE "comments"."status" = 'pending' and "comments"."overdue_mailed_at" is null;
--> statement-breakpoint
CREATE INDEX `comments_root_author_idx` ON `comments` (`root_id`,`author_id`);
