CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`comment_id` integer NOT NULL,
	`actor_name` text,
	`reason` text,
	`created_at` integer NOT NULL,
	`read_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`comment_id`) REFERENCES `comments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `notifications_user_idx` ON `notifications` (`user_id`,`id`);--> statement-breakpoint
CREATE INDEX `notifications_unread_idx` ON `notifications` (`user_id`,`read_at`);
--> statement-breakpoint
ALTER TABLE `users` ADD `reply_emails` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `mail_token` text;--> statement-breakpoint
CREATE UNIQUE INDEX `users_mail_token_unique` ON `users` (`mail_token`);--> statement-breakpoint
ALTER TABLE `mail_outbox` ADD `gather_key` text;--> statement-breakpoint
CREATE INDEX `mail_outbox_gather_idx` ON `mail_outbox` (`gather_key`,`id`);
