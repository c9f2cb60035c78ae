import type { ButtonHTMLAttributes, Ref } from 'react';
import type { LucideIcon } from 'lucide-react';

type Variant = 'primary' | 'secondary' | 'danger' | 'ghost';

type ButtonProps = {
  variant?: Variant;
  icon?: LucideIcon;
  ref?: Ref<HTMLButtonElement>;
} & ButtonHTMLAttributes<HTMLButtonElement>;

/** A button of the design system: secondary unless told, with an optional leading icon. */
export function Button({ variant = 'secondary', icon: Icon, type = 'button', children, ...rest }: ButtonProps) {
  return (
    <button type={type} data-variant={variant} {...rest}>
      {Icon && <Icon className="icon" aria-hidden />}
      {children}
    </button>
  );
}

type IconButtonProps = {
  /** The accessible name, also shown as a tooltip. */
  label: string;
  icon: LucideIcon;
  ref?: Ref<HTMLButtonElement>;
} & Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'children' | 'aria-label'>;

/** A square button that shows only its icon; its name is its label. */
export function IconButton({ label, icon: Icon, type = 'button', title, ...rest }: IconButtonProps) {
  return (
    <button type={type} data-variant="icon" aria-label={label} title={title ?? label} {...rest}>
      <Icon className="icon" aria-hidden />
    </button>
  );
}
