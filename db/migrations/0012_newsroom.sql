ALTER TABLE `articles` ADD `author_id` text REFERENCES users(id) ON DELETE set null;--> statement-breakpoint
ALTER TABLE `articles` ADD `publish_at` integer;--> statement-breakpoint
ALTER TABLE `articles` ADD `revised_at` integer;--> statement-breakpoint
ALTER TABLE `articles` ADD `correction` text;--> statement-breakpoint
ALTER TABLE `articles` ADD `corrected_at` integer;--> statement-breakpoint
ALTER TABLE `articles` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE INDEX `articles_due_idx` ON `articles` (`status`,`publish_at`);--> statement-breakpoint
CREATE INDEX `articles_author_idx` ON `articles` (`author_id`,`updated_at`);--> statement-breakpoint
CREATE TABLE `article_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`article_id` integer NOT NULL,
	`version` integer NOT NULL,
	`kind` text NOT NULL,
	`saved_by` text,
	`saved_by_name` text NOT NULL,
	`saved_at` integer NOT NULL,
	`status` text NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`dek` text NOT NULL,
	`body` text NOT NULL,
	`section` text NOT NULL,
	`author` text NOT NULL,
	`image_key` text,
	`image_width` integer,
	`image_height` integer,
	`image_description` text,
	`image_credit` text,
	`correction` text,
	`publish_at` integer,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`saved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `article_revisions_article_idx` ON `article_revisions` (`article_id`,`id`);--> statement-breakpoint
CREATE TABLE `article_slugs` (
	`slug` text PRIMARY KEY NOT NULL,
	`article_id` integer NOT NULL,
	`retired_at` integer NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
