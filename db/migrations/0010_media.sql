CREATE TABLE `sections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`slug` text NOT NULL,
	`position` integer NOT NULL,
	`hidden` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sections_name_unique` ON `sections` (`name`);--> statement-breakpoint
CREATE UNIQUE INDEX `sections_slug_unique` ON `sections` (`slug`);--> statement-breakpoint
CREATE INDEX `sections_position_idx` ON `sections` (`position`);--> statement-breakpoint
ALTER TABLE `articles` ADD `lead_at` integer;--> statement-breakpoint
ALTER TABLE `articles` ADD `image_key` text;--> statement-breakpoint
ALTER TABLE `articles` ADD `image_width` integer;--> statement-breakpoint
ALTER TABLE `articles` ADD `image_height` integer;--> statement-breakpoint
ALTER TABLE `articles` ADD `image_description` text;--> statement-breakpoint
ALTER TABLE `articles` ADD `image_credit` text;--> statement-breakpoint
CREATE INDEX `articles_lead_idx` ON `articles` (`lead_at`);--> statement-breakpoint
INSERT OR IGNORE INTO `sections` (`name`, `slug`, `position`) VALUES ('Politics', 'politics', 1), ('Business', 'business', 2), ('Science', 'science', 3), ('Culture', 'culture', 4), ('Sport', 'sport', 5);
